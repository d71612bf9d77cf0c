import { isAbsolute, join } from 'node:path';
import type { Parsed } from './stepAttributes';

/** `cwd`: absolute, `~` or `~/x` (the home directory); relative paths are refused as ambiguous. */
export function parseWorkingDirectory(text: string | undefined, homeDir: string): Parsed<string> {
  if (text === undefined || text === '' || text === '~') return { ok: true, value: homeDir };
  if (text.startsWith('~/')) return { ok: true, value: join(homeDir, text.slice(2)) };
  if (text.startsWith('~')) return { ok: false, problem: `cwd "${text}": only ~ and ~/path are understood (not ~user)` };
  if (!isAbsolute(text)) return { ok: false, problem: `cwd "${text}" must be an absolute path, ~ or ~/path` };
  return { ok: true, value: text };
}
