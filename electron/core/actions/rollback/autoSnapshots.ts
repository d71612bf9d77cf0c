import type { Settings } from '../../../../shared/config/settingsSchema';
import type { Stack } from '../../../../shared/types/docker';
import type { StatusSnapshot } from '../../../../shared/types/status';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';

export interface AutoSnapshotOptions {
  clock: Clock;
  log: Logger;
  settings(): Settings;
  /** The digest of the stack's newest stored snapshot; null when it has none. */
  newestDigest(stack: string): string | null;
  /** The digest of the stack as it runs now (inspect). */
  currentDigest(stack: string): Promise<string>;
  take(stack: string): Promise<unknown>;
}

interface Streak {
  /** The containers the streak is about: a recreated container starts a new streak. */
  key: string;
  since: number;
  /** This streak was looked at (a snapshot taken, or the config was the same): once per streak. */
  done: boolean;
}

/**
 * Known-good snapshots taken by themselves: a compose stack whose containers have all been
 * running and healthy (running, when they have no healthcheck) for `healthyFor`, and whose
 * configuration differs from its newest snapshot, gets one. Once per healthy streak; async;
 * errors are logged, never thrown into the status loop.
 */
export function createAutoSnapshots(options: AutoSnapshotOptions): { onStatus(status: StatusSnapshot): void; idle(): Promise<void> } {
  const streaks = new Map<string, Streak>();
  const inFlight = new Set<Promise<void>>();

  const check = async (stack: string): Promise<void> => {
    const newest = options.newestDigest(stack);
    if (newest !== null && newest === (await options.currentDigest(stack))) return;
    await options.take(stack);
    options.log.info(`Took a known-good snapshot of stack ${stack} (healthy for a while and changed since its last snapshot).`);
  };

  return {
    onStatus(status) {
      const settings = options.settings().emergency.snapshots;
      // A core composed without the Docker module (tests, a trimmed build) has no docker part.
      const docker = (status as Partial<StatusSnapshot>).docker;
      if (!settings.auto || !docker?.available) {
        streaks.clear();
        return;
      }
      const now = options.clock.now();
      const seen = new Set<string>();
      for (const stack of docker.stacks) {
        if (stack.kind !== 'compose' || stack.containers.length === 0) continue;
        seen.add(stack.name);
        const key = stack.containers
          .map((c) => c.id)
          .sort()
          .join(',');
        if (!isHealthy(stack)) {
          streaks.delete(stack.name);
          continue;
        }
        let streak = streaks.get(stack.name);
        if (!streak || streak.key !== key) {
          streak = { key, since: now, done: false };
          streaks.set(stack.name, streak);
        }
        if (streak.done || now - streak.since < settings.healthyFor) continue;
        streak.done = true;
        const name = stack.name;
        const run = check(name)
          .catch((error: unknown) => options.log.warn(`The automatic snapshot of stack ${name} failed: ${(error as Error).message}`))
          .finally(() => inFlight.delete(run));
        inFlight.add(run);
      }
      for (const name of [...streaks.keys()]) if (!seen.has(name)) streaks.delete(name);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

function isHealthy(stack: Stack): boolean {
  return stack.containers.every((c) => c.state === 'running' && (c.health === 'healthy' || c.health === 'none'));
}
