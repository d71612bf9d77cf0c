import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecretsOf, redactUrl } from '../../../../electron/core/monitors/http/httpUrlRedaction';

test('user:password and secret-looking query values are redacted; the rest stays readable', () => {
  assert.equal(redactUrl('https://ops:hunter2@nas.local:8443/health?token=abc123&verbose=1'), 'https://redacted:redacted@nas.local:8443/health?token=redacted&verbose=1');
  assert.equal(
    redactUrl('http://h/x?key=1&apikey=2&api_key=3&password=4&secret=5&sig=6&signature=7&access_token=8&API-KEY=9&page=2'),
    'http://h/x?key=redacted&apikey=redacted&api_key=redacted&password=redacted&secret=redacted&sig=redacted&signature=redacted&access_token=redacted&API-KEY=redacted&page=2',
  );
  assert.equal(redactUrl('http://127.0.0.1:8080/health'), 'http://127.0.0.1:8080/health');
  assert.equal(redactUrl('not a url ?token=x'), '(not a URL)');
});

test('the secrets of a URL are taken out of any text that mentions them', () => {
  const url = 'https://ops:hunter2@nas.local/health?token=abc123';
  assert.equal(redactSecretsOf(url, `GET ${url} failed; token abc123, password hunter2`), 'GET https://redacted:redacted@nas.local/health?token=redacted failed; token redacted, password redacted');
});
