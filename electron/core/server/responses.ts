import type { ServerResponse } from 'node:http';
import type { Envelope } from '../../../shared/api/envelope';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/contentSecurityPolicy';

export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The dashboard URL carries the token once: never let it leak through a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const STATUS_FOR_ERROR: Record<string, number> = {
  bad_request: 400,
  unknown_method: 404,
  forbidden: 403,
  not_found: 404,
  refused: 409,
  unavailable: 503,
  internal: 500,
};

export function send(res: ServerResponse, status: number, body: string | Buffer, contentType: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

export function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope<unknown>, extra: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(envelope), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store', ...extra });
}

export function sendText(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  send(res, status, `${message}\n`, 'text/plain; charset=utf-8', extra);
}
