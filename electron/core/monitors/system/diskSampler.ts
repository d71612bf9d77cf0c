import type { DiskUsage } from '../../../../shared/types/system';
import { diskUsageFromStatfs } from './diskUsage';
import type { CollectorClock, MountEntry, StatfsLike, SystemReader } from './types';

/** The key under which a mount table that cannot be read is reported. */
export const MOUNT_TABLE = '(mount table)';

export interface DiskProblem {
  mount: string;
  message: string;
  since: number;
}

export interface DiskSamplerOptions {
  /** How long a mount list stays fresh; mounts rarely change. */
  mountListTtlMs: number;
  /** How long a network statfs may take before the mount is skipped for this sample. */
  statfsTimeoutMs: number;
  clock: CollectorClock;
  /** Told when a mount starts failing (problem) and when it reads again (null). */
  onProblemChange?: (mount: string, problem: DiskProblem | null) => void;
}

/**
 * Disk usage for each mount. A mount that cannot be read is skipped and its error kept;
 * it never fails the sample. A network statfs that hangs is not asked again until it
 * answers, so a dead NFS server holds one thread-pool thread, not all four.
 */
export class DiskSampler {
  private mounts: MountEntry[] = [];
  private mountsReadAt = -Infinity;
  private readonly pending = new Map<string, Promise<StatfsLike>>();
  private readonly problems = new Map<string, DiskProblem>();

  constructor(
    private readonly reader: SystemReader,
    private readonly options: DiskSamplerOptions,
  ) {}

  /** Mounts that were skipped in the last sample, and why. */
  currentProblems(): DiskProblem[] {
    return [...this.problems.values()];
  }

  async sample(): Promise<DiskUsage[]> {
    this.refreshMounts();
    const results = await Promise.all(this.mounts.map((mount) => this.sampleMount(mount)));
    return results.filter((usage): usage is DiskUsage => usage !== null);
  }

  private refreshMounts(): void {
    const now = this.options.clock.now();
    if (now - this.mountsReadAt < this.options.mountListTtlMs) return;
    this.mountsReadAt = now;
    try {
      this.mounts = this.reader.listMounts();
      this.clearProblem(MOUNT_TABLE);
      const listed = new Set(this.mounts.map((m) => m.mount));
      for (const mount of this.problems.keys()) if (mount !== MOUNT_TABLE && !listed.has(mount)) this.clearProblem(mount);
    } catch (error) {
      // Keep the last good list; say why it may be stale.
      this.setProblem(MOUNT_TABLE, `Cannot read the mount table: ${messageOf(error)}`);
    }
  }

  private async sampleMount(mount: MountEntry): Promise<DiskUsage | null> {
    try {
      const stats = await this.statfs(mount);
      this.clearProblem(mount.mount);
      return diskUsageFromStatfs(mount, stats);
    } catch (error) {
      this.setProblem(mount.mount, `Cannot read disk usage of ${mount.mount}: ${messageOf(error)}`);
      return null;
    }
  }

  private statfs(mount: MountEntry): StatfsLike | Promise<StatfsLike> {
    const stillPending = this.pending.get(mount.mount);
    if (stillPending) throw new Error(`statfs has not answered yet (${mount.fsType} server unreachable?)`);
    const answer = this.reader.statfs(mount);
    if (!(answer instanceof Promise)) return answer;
    this.pending.set(mount.mount, answer);
    const settled = () => this.pending.delete(mount.mount);
    answer.then(settled, settled);
    const ms = this.options.statfsTimeoutMs;
    return withTimeout(answer, this.options.clock, ms, `statfs took over ${ms} ms`);
  }

  private setProblem(mount: string, message: string): void {
    const known = this.problems.get(mount);
    if (known?.message === message) return;
    const problem = { mount, message, since: known?.since ?? this.options.clock.now() };
    this.problems.set(mount, problem);
    if (!known) this.options.onProblemChange?.(mount, problem);
  }

  private clearProblem(mount: string): void {
    if (!this.problems.delete(mount)) return;
    this.options.onProblemChange?.(mount, null);
  }
}

function withTimeout<T>(promise: Promise<T>, clock: CollectorClock, ms: number, message: string): Promise<T> {
  let timer: { cancel(): void } | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => timer?.cancel());
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
