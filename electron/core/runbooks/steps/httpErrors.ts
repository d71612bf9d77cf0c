/**
 * A failed fetch as a sentence an operator can act on. Node's fetch (undici) throws
 * `TypeError('fetch failed')` with the socket error as `cause`.
 */
export function describeFetchFailure(error: unknown, url: URL): string {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  const code = codeOf(cause) ?? codeOf(error);
  const where = url.origin;
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing answers at ${where} (connection refused)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${url.hostname} was not found (DNS: ${code})`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `${where} closed the connection before answering (${code})`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `${where} did not accept the connection in time (${code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached from here (${code})`;
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `${where} accepted the connection but did not answer in time (${code})`;
  }
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return `the TLS certificate of ${where} is not trusted (${code})`;
  const message = cause instanceof Error ? cause.message : String(cause);
  return `the request to ${where} failed: ${message}${code ? ` (${code})` : ''}`;
}

function codeOf(value: unknown): string | undefined {
  const code = (value as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
