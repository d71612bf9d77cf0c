import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { RefusedError } from '../refusedError';

/**
 * A settings change that was not saved, said in a sentence the operator can act on. It is a
 * refusal, not a bug: the API answers it as `refused` with this message, never as `internal`.
 */
export class ConfigWriteError extends RefusedError {
  override readonly name: string = 'ConfigWriteError';
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** What to do about it, by error code. */
const ADVICE: Record<string, string> = {
  ENOSPC: ' Free some space and try again.',
  EDQUOT: ' Free some space and try again.',
  EROFS: ' Mount it writable or choose another data dir.',
  EACCES: ' Check the owner and mode of the folder.',
  EPERM: ' Check the owner and mode of the folder.',
};

/**
 * Writes a temp file beside the config, then renames it over: the config is either the old
 * text or the new, never half. On any failure the temp file (even an empty one) is removed.
 */
export function writeConfigText(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, text, { mode: 0o600 });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ? `${REASONS[code]} (${code})` : (error as Error).message;
    throw new ConfigWriteError(`Could not save settings to ${path}: ${reason}. Nothing was changed.${ADVICE[code] ?? ''}`);
  }
}
