import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactDeep, redactText, redactUrlText } from '../../../electron/core/diagnostics/redactSecrets';

test('URLs: userinfo and secret query values go, the rest stays readable', () => {
  assert.equal(redactUrlText('https://u:p4ss@example.org/a?token=T&page=2'), 'https://[redacted]@example.org/a?token=[redacted]&page=2');
  for (const name of ['key', 'apikey', 'api_key', 'password', 'secret', 'signature', 'access_token']) {
    assert.doesNotMatch(redactUrlText(`http://h/x?${name}=VALUE1`), /VALUE1/, name);
  }
  assert.equal(redactUrlText('https://example.org/health'), 'https://example.org/health');
});

test('webhook URLs lose their path wherever they appear; so do configured webhook hosts', () => {
  assert.equal(redactText('sent to https://hooks.slack.com/services/T/B/XYZ.'), 'sent to https://hooks.slack.com/….');
  assert.doesNotMatch(redactText('ntfy https://push.example.net/TOPIC9', { webhookHosts: ['push.example.net'] }), /TOPIC9/);
  assert.doesNotMatch(redactUrlText('https://h.example/first/SECRETPART?x=1', { strictUrls: true }), /SECRETPART|x=1/);
});

test('tokens, Authorization values, secret-named env assignments and known env values go', () => {
  const text = [
    'token=abcd1234',
    'Authorization: Basic dXNlcjpwYXNz',
    'authorization=Bearer eyJhbGciOi.xyz',
    'api token 0123456789abcdef0123456789abcdef01',
    'HF_TOKEN=hf_SECRETVAL OPENAI_API_KEY=sk-SECRET2 PATH=/usr/bin',
    'the key is sk-envvalue-777',
  ].join('\n');
  const out = redactText(text, { values: [{ name: 'MY_KEY', value: 'sk-envvalue-777' }] });
  assert.doesNotMatch(out, /abcd1234|dXNlcjpwYXNz|eyJhbGciOi|0123456789abcdef0123456789abcdef01|hf_SECRETVAL|sk-SECRET2|sk-envvalue-777/);
  assert.match(out, /PATH=\/usr\/bin/);
  assert.match(out, /\[redacted:MY_KEY\]/);
});

test('deep: every string, secret-named keys emptied, other values kept, the input untouched', () => {
  const input = { a: [{ password: 'p', n: 3, url: 'http://x:y@h/' }], token: 'T', ok: true, none: null };
  const out = redactDeep(input) as typeof input;
  assert.deepEqual(out, { a: [{ password: '[redacted]', n: 3, url: 'http://[redacted]@h/' }], token: '[redacted]', ok: true, none: null });
  assert.equal(input.a[0].password, 'p');
});
