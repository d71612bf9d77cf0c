import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactUrl } from '../../../electron/core/notifications/redactUrl';

test('redactUrl keeps scheme, host, port and a leading folder; never userinfo, the rest of the path, query or fragment', () => {
  assert.equal(redactUrl('https://hooks.slack.com/services/T000/B000/XXXX'), 'https://hooks.slack.com/services/…');
  assert.equal(redactUrl('https://ntfy.sh/my-secret-topic'), 'https://ntfy.sh/…');
  assert.equal(redactUrl('http://user:pw@127.0.0.1:8080/hook/abc?token=t#f'), 'http://127.0.0.1:8080/hook/…');
  assert.equal(redactUrl('https://example.com/?key=s'), 'https://example.com/…');
  assert.equal(redactUrl('not a url SECRET'), '(invalid URL)');
  assert.equal(redactUrl(''), '');
});
