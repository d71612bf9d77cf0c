import type { AnyActionPlugin } from '../actions/actionPlugin';
import { NotFoundError } from '../api/dispatcher';
import { createOpsbarCore } from '../createCore';
import { silentLogger } from '../logger';
import type { OpsbarCore } from '../opsbarCore';
import { RefusedError } from '../refusedError';
import type { CliIo } from './alertingArgs';
import { keepAliveClock } from './keepAliveClock';

/** The action commands' exit codes: 0 done and verified; 1 failed, partial or not verified; 3 refused (nothing was run); 64 usage (sysexits' EX_USAGE). */
export const ACTION_EXIT = { ok: 0, failed: 1, refused: 3, usage: 64 } as const;

/**
 * Runs an action command (`opsbar emergency …`, `opsbar restart …`) on a core in the CLI role on
 * the data dir's history file — so a plan made here can be executed by the app and the other way
 * round, and the host's action lock is shared with them — and always stops it. A refusal is
 * said and is exit 3.
 */
export async function withActionCore(options: { dataDir: string; actionPlugins?: readonly AnyActionPlugin[] }, io: CliIo, run: (core: OpsbarCore) => Promise<number>): Promise<number> {
  // keepAliveClock: an item waiting on a timer (a SIGTERM grace, a health wait) holds the process open.
  const core = createOpsbarCore({ dataDir: options.dataDir, log: silentLogger, role: 'cli', clock: keepAliveClock, actionPlugins: options.actionPlugins });
  try {
    for (const notice of core.notices) io.err(`${notice}\n`);
    return await run(core);
  } catch (error) {
    if (error instanceof RefusedError || error instanceof NotFoundError) {
      io.err(`${error.message}\n`);
      return ACTION_EXIT.refused;
    }
    throw error;
  } finally {
    await core.stop();
  }
}
