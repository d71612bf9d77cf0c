import type { Parsed } from './stepAttributes';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface HttpRequestLine {
  method: HttpMethod;
  url: URL;
}

const PLACEHOLDER = /\$\{[A-Z][A-Z0-9_]*\}/g;

/**
 * The body of an `http` step: one line `METHOD URL`, http(s) only. At load time the body may
 * still hold `${NAME}` placeholders: pass `placeholders: true` to check it with stand-ins.
 */
export function parseRequestLine(body: string, options: { placeholders?: boolean } = {}): Parsed<HttpRequestLine> {
  const lines = body.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length !== 1) return { ok: false, problem: 'an http step needs exactly one line: METHOD URL (e.g. GET http://127.0.0.1:11434/api/tags)' };
  const match = /^(\S+)\s+(\S+)$/.exec(lines[0]);
  if (!match) return { ok: false, problem: `"${lines[0]}" is not METHOD URL (e.g. GET http://127.0.0.1:11434/api/tags)` };
  const method = match[1];
  if (!(HTTP_METHODS as readonly string[]).includes(method)) return { ok: false, problem: `method ${method} is not one of ${HTTP_METHODS.join(', ')}` };
  // A placeholder stands for a validated value: "1" keeps a port or a path segment valid.
  const text = options.placeholders ? match[2].replace(PLACEHOLDER, '1') : match[2];
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: `"${match[2]}" is not a valid URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: `only http and https URLs are allowed, not ${url.protocol.replace(/:$/, '')}` };
  if (url.username || url.password) return { ok: false, problem: 'credentials in the URL are not allowed (they would be shown and stored with the output)' };
  return { ok: true, value: { method: method as HttpMethod, url } };
}
