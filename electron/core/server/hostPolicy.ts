import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackHost(host: string): boolean {
  if (LOOPBACK_NAMES.has(host)) return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * The Host headers a request may carry: the bound address and, for a loopback bind, the
 * loopback names — anything else is a DNS-rebinding attempt or a misdirected request.
 */
export function allowedHostHeaders(boundHost: string, port: number): Set<string> {
  const names = isLoopbackHost(boundHost) ? ['127.0.0.1', 'localhost', '[::1]', boundHost] : [boundHost];
  return new Set(names.map((name) => `${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`.toLowerCase()));
}

/** Why a request's Host headers are refused, or null when it carries exactly one allowed Host. */
export function hostHeaderRefusal(rawHeaders: readonly string[], allowed: ReadonlySet<string>): { status: number; message: string } | null {
  // Node keeps only the first of duplicated Host headers; a proxy may honour another one.
  const hosts: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === 'host') hosts.push(rawHeaders[i + 1]);
  if (hosts.length > 1) return { status: 400, message: `The request carries ${hosts.length} Host headers; send exactly one.` };
  if (hosts.length === 0 || !allowed.has(hosts[0].trim().toLowerCase())) return { status: 403, message: 'Forbidden: unexpected Host header.' };
  return null;
}
