/** TLS failures in words an operator can act on, by Node's / OpenSSL's code. */
const TLS_WORDS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet (check the clocks)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed (not issued by an authority this host trusts)',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a self-signed certificate this host does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the certificate's issuer is unknown here (the server may not send its intermediate certificate)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the certificate's issuer is not trusted on this host",
  UNABLE_TO_GET_ISSUER_CERT: "the certificate's issuer could not be found",
  CERT_REVOKED: 'the certificate has been revoked',
  CERT_SIGNATURE_FAILURE: "the certificate's signature does not verify",
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for another host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS on this port (is the URL http:// rather than https://?)',
  EPROTO: 'the TLS handshake failed',
};

/** Network failures in words, by errno code. */
const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: nothing listens there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved now (the name server did not answer)',
  ECONNRESET: 'the connection was reset before an answer',
  EPIPE: 'the connection was closed while the request was sent',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection attempt timed out',
  EADDRNOTAVAIL: 'the address is not available on this host',
  HPE_INVALID_CONSTANT: 'the server answered something that is not HTTP',
};

export interface ProbeErrorWords {
  kind: 'tls-error' | 'unreachable';
  detail: string;
}

/**
 * A request error as a sentence with its code: "the certificate has expired (CERT_HAS_EXPIRED)",
 * "connection refused: nothing listens there (ECONNREFUSED)".
 */
export function describeProbeError(error: NodeJS.ErrnoException & { host?: string; cert?: { subjectaltname?: string; subject?: { CN?: string } } }, where: string): ProbeErrorWords {
  const code = error.code ?? '';
  const tls = TLS_WORDS[code] ?? (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') ? 'the TLS handshake failed' : undefined);
  if (tls) {
    // The altname error names the host and the names the certificate holds.
    const names = error.cert?.subjectaltname || error.cert?.subject?.CN;
    const extra = code === 'ERR_TLS_CERT_ALTNAME_INVALID' && names ? `: it names ${names}, the URL ${error.host ?? where}` : '';
    return { kind: 'tls-error', detail: `${tls}${extra} (${code})` };
  }
  const words = NETWORK_WORDS[code];
  if (words) return { kind: 'unreachable', detail: `${words} (${where}, ${code})` };
  if (code.startsWith('HPE_')) return { kind: 'unreachable', detail: `the server answered something that is not valid HTTP (${code})` };
  const message = error.message || String(error);
  return { kind: 'unreachable', detail: code ? `${message} (${code})` : message };
}

/** The first bytes of a body as a one-line text: control characters removed, at most `max` characters. */
export function bodyStartOf(body: Buffer, max = 200): string {
  const text = body
    .toString('utf8')
    .replace(/[\r\n\t]+/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return [...text].slice(0, max).join('');
}
