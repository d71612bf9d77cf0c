import type { ModuleId, StatusSnapshot } from '../../../shared/types/status';
import type { Clock } from '../clock';
import { createOpsbarCore } from '../createCore';
import type { Logger } from '../logger';

/**
 * A one-shot status from the core's one factory (CLI role, history in memory: nothing is
 * written and a large history file is not even opened): one reading of each module. The models
 * section's last probes come from the file all the same, opened read-only for that table alone
 * (see createCore): cheaper than opening the file store, which checks and migrates the whole file.
 */
export async function takeStatus(options: { dataDir: string; clock: Clock; log: Logger; modules?: readonly ModuleId[] }): Promise<{ status: StatusSnapshot; problems: string[] }> {
  const core = createOpsbarCore({ dataDir: options.dataDir, clock: options.clock, log: options.log, role: 'cli', history: 'memory' });
  try {
    const status = await core.collectOnce(options.modules);
    return { status, problems: core.notices.filter((n) => n.startsWith('Config ')) };
  } finally {
    await core.stop();
  }
}
