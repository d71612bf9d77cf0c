/**
 * Query parameters whose values are credentials (`?token=…`, `api_key`, `sig`…), compared
 * case-insensitively with `-` and `_` alike: one list for every place a URL is shown, logged or
 * put in a diagnostics bundle.
 */
const SECRET_QUERY_PARAMS = new Set(['token', 'key', 'apikey', 'api_key', 'password', 'passwd', 'pass', 'secret', 'sig', 'signature', 'access_token', 'auth', 'client_secret']);

export function isSecretQueryParam(name: string): boolean {
  return SECRET_QUERY_PARAMS.has(name.toLowerCase().replace(/-/g, '_'));
}
