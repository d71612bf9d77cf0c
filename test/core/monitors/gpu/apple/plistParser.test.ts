import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePlistText } from '../../../../../electron/core/monitors/gpu/apple';
import { fixture, M1PRO_TEXT } from './fakes';

test('an XML plist parses with the plist package', async () => {
  assert.deepEqual(await parsePlistText('<?xml version="1.0"?>\n<plist version="1.0"><array><dict><key>a</key><integer>1</integer><key>b</key><true/></dict></array></plist>\n'), {
    ok: true,
    value: [{ a: 1, b: true }],
  });
  assert.deepEqual(await parsePlistText('<plist version="1.0"><array/></plist>'), { ok: true, value: [] });
});

test('garbage, ioreg\'s text form, HTML and a cut-off list are refused in words, never thrown', async () => {
  for (const text of ['', 'garbage', fixture(M1PRO_TEXT), '<html></html>', '<?xml version="1.0"?><plist version="1.0"><array><dict><key>a</key>']) {
    assert.deepEqual(await parsePlistText(text), { ok: false, reason: 'it is not an XML property list' }, text.slice(0, 30));
  }
});

test('a parser error becomes a reason', async () => {
  const result = await parsePlistText('<plist version="1.0"></plist>', () => {
    throw new Error('Unexpected <key> while parsing <dict/>.\nat line 3');
  });
  assert.deepEqual(result, { ok: false, reason: 'the property list does not parse (Unexpected <key> while parsing <dict/>.)' });
});
