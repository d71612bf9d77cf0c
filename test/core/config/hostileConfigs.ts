/** config.yaml texts that once stopped or stalled Opsbar (issue 8): shared by the unit and process tests. */

/** "Billion laughs": nine levels of nine aliases each; the first alias is on line 4. */
export function aliasBomb(): string {
  const names = 'abcdefghi';
  let text = 'monitoring:\n  systemIntervalMs: 5000\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < names.length; i++) text += `${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]\n`;
  return text;
}

/** `count` harmless merge keys of one anchor; the first alias is on line 6. */
export function manyMergeKeys(count: number): string {
  let text = 'monitoring:\n  systemIntervalMs: 5000\nbase: &a\n  enabled: true\n';
  for (let i = 0; i < count; i++) text += `k${i}:\n  <<: *a\n`;
  return text;
}

/** About `bytes` of otherwise valid YAML (a long list under an unknown section). */
export function oversizedConfig(bytes: number): string {
  const line = '  - "padding to make the file far larger than any real config would be"\n';
  return `monitoring:\n  systemIntervalMs: 5000\nnotes:\n${line.repeat(Math.ceil(bytes / line.length))}`;
}

/** `bytes` of nested flow sequences on line 2. */
export function deepFlowNesting(bytes: number): string {
  const half = Math.floor(bytes / 2);
  return `monitoring: {}\nx: ${'['.repeat(half)}${']'.repeat(half)}\n`;
}

/** `levels` nested block mappings, one more space each. */
export function deepBlockNesting(levels: number): string {
  let text = '';
  for (let i = 0; i < levels; i++) text += `${' '.repeat(i)}k:\n`;
  return text;
}

/** A 90 KB anchored list copied by 20 aliases (1.8 MB once expanded); the first alias is on line 2. */
export function hugeAnchorCopies(): string {
  let text = `big: &a [${Array(2000).fill('"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"').join(',')}]\n`;
  for (let i = 0; i < 20; i++) text += `k${i}: *a\n`;
  return text;
}
