/**
 * A real Opsbar process (the core in the CLI role on a data dir) that plans and executes a test
 * action whose second item does not end until a `release` file appears in the marker dir: tests
 * SIGKILL it mid-execution, hold the host's action lock with it, or cancel it from another
 * process. Every item's side effect is a file in the marker dir.
 *
 *   node --import tsx test/support/actionChild.ts DATA_DIR MARKER_DIR
 *
 * Prints `plan <id>` once the plan is stored, `finished <state>` when the run ends (then exits).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOpsbarCore } from '../../electron/core/createCore';
import { silentLogger } from '../../electron/core/logger';
import { recordingPlugin } from './actionTestPlugin';

export const CHILD_ITEMS = ['step:1', 'step:2', 'step:3'];
/** The marker each item writes; `step:2`'s means "acting on it now, and forever". */
export const releaseFileOf = (markerDir: string) => join(markerDir, 'release');
export const markerOf = (markerDir: string, itemId: string) => join(markerDir, `${itemId.replace(':', '-')}.touched`);

async function main(): Promise<void> {
  const [dataDir, markerDir] = process.argv.slice(2);
  const touch = (id: string) => writeFileSync(markerOf(markerDir, id), `${process.pid}\n`);
  const plugin = recordingPlugin({
    items: [
      { id: 'step:1', behave: (item) => (touch(item.id), { outcome: 'done', detail: 'touched', bytes: 1000 }) },
      {
        id: 'step:2',
        behave: (item) => {
          touch(item.id);
          // Holds the process (and the lock) until the test releases it, or kills it.
          return new Promise((resolve) => {
            const poll = setInterval(() => {
              if (!existsSync(releaseFileOf(markerDir))) return;
              clearInterval(poll);
              resolve({ outcome: 'done', detail: 'released', bytes: 1000 });
            }, 20);
          });
        },
      },
      { id: 'step:3', behave: (item) => (touch(item.id), { outcome: 'done', detail: 'touched', bytes: 1000 }) },
    ],
  });
  const core = createOpsbarCore({ dataDir, role: 'cli', log: silentLogger, actionPlugins: [plugin] });
  const plan = await core.actions.plan({ action: 'disk', params: {} }, 'cli');
  process.stdout.write(`plan ${plan.id}\n`);
  const outcome = await core.actions.execute({ planId: plan.id, hash: plan.hash }, 'cli').done;
  await core.stop();
  process.stdout.write(`finished ${outcome.state}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
