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
