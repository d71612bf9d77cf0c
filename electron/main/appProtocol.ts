import { readFile as fsReadFile } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/contentSecurityPolicy';

/**
 * The dashboard is served from a custom, privileged scheme (`opsbar://app/…`) rather than
 * file://. A standard scheme gives the page a real origin, so the CSP's 'self' means "the
 * built renderer" and not "every file on disk", the sender check can compare origins, and
 * this handler can only ever serve files inside dist/renderer (Electron's security
 * checklist, "Avoid file://"). The handler is plain Node (fetch's Request/Response).
 */
export const APP_SCHEME = 'opsbar';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The one policy (shared with index.html's meta and the headless server); sent as a header on every answer. */
export { CONTENT_SECURITY_POLICY };

/** Privileges for `protocol.registerSchemesAsPrivileged` (before app ready): an origin, a secure context, ES modules. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

/** True for any URL of the app's own origin: only the renderer build is served there. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** The file under rendererDir an app URL names, or null when it would leave the folder. */
export function resolveAppAsset(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(join(root, pathname === '/' ? 'index.html' : pathname));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep) || resolve(root, rel) !== file) return null;
  return file;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export type ReadFile = (path: string) => Promise<Uint8Array>;

/** The `protocol.handle` handler: GET only, files under rendererDir only, CSP on every answer. */
export function createAppProtocolHandler(rendererDir: string, readFile: ReadFile = fsReadFile): (request: Request) => Promise<Response> {
  const headers = (type: string) => ({
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: headers('text/plain') });
    }
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file) return new Response('Forbidden', { status: 403, headers: headers('text/plain') });
    const type = MIME_TYPES[extname(file).toLowerCase()];
    if (!type) return new Response('Not found', { status: 404, headers: headers('text/plain') });
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(type) });
    } catch {
      return new Response('Not found', { status: 404, headers: headers('text/plain') });
    }
  };
}
