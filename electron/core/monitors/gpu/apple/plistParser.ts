/**
 * XML property lists (what `ioreg -a` prints) → plain values.
 *
 * Why the `plist` package (TooTallNate/plist.js, MIT) rather than a hand-written parser: it
 * is the long-standing, maintained plist codec for Node (electron-builder depends on it), it
 * decodes the whole XML format (`<data>` as base64, `<true/>`, nested `<dict>`/`<array>`,
 * entity escapes in names) on a real XML parser, and it throws on malformed input instead of
 * guessing. plist 5 ships as an ES module only, so it is loaded with a dynamic `import()`
 * (which the CommonJS build keeps as is) the first time a list is parsed.
 */
export type PlistParse = (xml: string) => unknown;

export type PlistResult = { ok: true; value: unknown } | { ok: false; reason: string };

let loaded: Promise<PlistParse> | null = null;

/** plist's own `parse`, loaded once. */
export function loadPlistParse(): Promise<PlistParse> {
  loaded ??= import('plist').then((mod) => (xml: string) => mod.parse(xml));
  return loaded;
}

/**
 * Parses `xml`, never throwing. A text that does not even look like a whole plist is refused
 * before the XML parser sees it: xmldom writes its fatal errors to the console, and a
 * collector sampling every few seconds must not flood the log with them.
 */
export async function parsePlistText(xml: string, parse?: PlistParse): Promise<PlistResult> {
  const trimmed = xml.trim();
  if (!/^(<\?xml|<!DOCTYPE plist|<plist)/.test(trimmed) || !trimmed.endsWith('</plist>')) {
    return { ok: false, reason: 'it is not an XML property list' };
  }
  try {
    const run = parse ?? (await loadPlistParse());
    return { ok: true, value: run(trimmed) };
  } catch (error) {
    return { ok: false, reason: `the property list does not parse (${(error as Error).message.split('\n')[0].trim()})` };
  }
}
