/** The parsed path and query of a request, or why its request target is refused. */
export type RequestTarget = { ok: true; url: URL } | { ok: false; status: number; message: string };

const BASE = 'http://opsbar.invalid';

/**
 * Accepts an origin-form target (`/path?query`), and an absolute-form one (`http://host:port/path`)
 * only when it names this server: the authority of an absolute-form target overrides the Host
 * header, so another host there is the same misdirection a wrong Host header is.
 */
export function parseRequestTarget(target: string | undefined, allowedHosts: ReadonlySet<string>): RequestTarget {
  const raw = target ?? '/';
  let url: URL;
  if (raw.startsWith('/')) {
    // Prefixing keeps `//evil.example/x` a path instead of a protocol-relative URL.
    const parsed = parse(BASE + raw);
    if (!parsed || parsed.origin !== BASE) return badTarget();
    url = parsed;
  } else if (/^http:\/\//i.test(raw)) {
    const parsed = parse(raw);
    if (!parsed) return badTarget();
    url = parsed;
    if (!allowedHosts.has(url.host.toLowerCase()) || url.username !== '' || url.password !== '') {
      return { ok: false, status: 403, message: 'Forbidden: the request line names another host than this server.' };
    }
  } else {
    return badTarget();
  }
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, message: 'The request path has a malformed percent-encoding (a % not followed by a valid UTF-8 byte sequence).' };
  }
  return { ok: true, url };
}

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function badTarget(): RequestTarget {
  return { ok: false, status: 400, message: 'The request target is not a path on this server (expected /path or http://this-host:port/path).' };
}
