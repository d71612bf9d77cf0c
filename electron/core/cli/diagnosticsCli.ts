import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createOpsbarCore } from '../createCore';
import { silentLogger } from '../logger';
import type { CliIo } from './alertingArgs';

export interface DiagnosticsArgs {
  dataDir: string;
  out: string | undefined;
}

const NO_SECRETS = 'It contains no secrets: webhook URLs, tokens and passwords are removed. Look it over before attaching it to a bug report.';

/** Why a file could not be written, in words a user can act on. */
function writeFailure(path: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'EEXIST') return `${path} already exists; Opsbar does not overwrite it. Choose another file name or remove it first.`;
  if (error.code === 'ENOENT') return `Cannot write ${path}: its folder does not exist.`;
  if (error.code === 'EACCES' || error.code === 'EPERM') return `Cannot write ${path}: permission denied.`;
  if (error.code === 'EISDIR') return `Cannot write ${path}: it is a folder; give a file name.`;
  return `Cannot write ${path}: ${error.message}`;
}

/**
 * `opsbar diagnostics --out FILE`: the bundle (secrets removed) as pretty JSON, written only by
 * the user (0600) and never over an existing file; `--out -` or no `--out` prints it. The CLI
 * core reads the data dir's own store (role cli), so events and store health are the app's.
 */
export async function diagnosticsCli(args: DiagnosticsArgs, io: CliIo): Promise<number> {
  const core = createOpsbarCore({ dataDir: args.dataDir, log: silentLogger, role: 'cli' });
  try {
    for (const notice of core.notices) io.err(`${notice}\n`);
    const text = `${JSON.stringify(await core.diagnostics(), null, 2)}\n`;
    if (args.out === undefined || args.out === '-') {
      io.out(text);
      return 0;
    }
    const path = resolve(args.out);
    try {
      // 'wx': created here or not at all, so an existing file is never replaced (no check-then-write race).
      writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      io.err(`${writeFailure(path, error as NodeJS.ErrnoException)}\n`);
      return 1;
    }
    const kb = Math.max(1, Math.round(Buffer.byteLength(text) / 1024));
    io.out(`Wrote diagnostics to ${path} (${kb} KB). ${NO_SECRETS}\n`);
    return 0;
  } finally {
    await core.stop();
  }
}
