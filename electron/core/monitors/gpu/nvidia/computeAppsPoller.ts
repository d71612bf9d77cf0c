import type { Clock } from '../../../clock';
import type { CommandResult, CommandRunner } from '../../../process/commandRunner';
import type { RawGpuProcess } from '../gpuSource';
import { parseComputeApps } from './computeAppsParser';
import { printable } from './csvLine';
import { didNotAnswer, NOT_FOUND } from './nvidiaSmiMessages';
import { computeAppsArgs } from './queryFields';

export interface ComputeAppsPollerOptions {
  runner: CommandRunner;
  clock: Clock;
  /** gpu.processIntervalMs: the wait between the end of one query and the start of the next. */
  intervalMs: number;
  /** Deadline of one query. */
  timeoutMs: number;
  /** The nvidia-smi to run now, or null to skip the round (no GPU, the loop is failing). */
  target(): string | null;
  env?: NodeJS.ProcessEnv;
  /** Called when the list or its note changed. */
  onUpdate(): void;
  /**
   * Nothing a process list would show has changed since the last query (no GPU's memory moved):
   * the round is skipped, up to `maxQuietMs`. Each query is a process start — and on a real
   * driver an NVML initialisation — so a quiet host is asked once a minute, not every 10 s.
   */
  unchanged?(): boolean;
  /** The longest a list may go without a query while `unchanged` says nothing moved; unset: every round queries. */
  maxQuietMs?: number;
}

export interface ComputeAppsState {
  processes: RawGpuProcess[];
  /** Why the list is missing or stale; null when the last query worked. */
  note: string | null;
  /** At least one query has ended. */
  polled: boolean;
}

export interface ComputeAppsPoller {
  start(): void;
  /** Queries now unless a query is in flight (then waits for that one): never two at once. */
  pollNow(): Promise<void>;
  latest(): ComputeAppsState;
  /** No further rounds; waits for a query in flight (bounded by its deadline). */
  stop(): Promise<void>;
}

const MAX_OUTPUT_BYTES = 1024 * 1024;

function failureReason(result: CommandResult, timeoutMs: number): string | null {
  if (result.notFound) return NOT_FOUND;
  if (result.spawnError) return result.spawnError;
  if (result.timedOut) return didNotAnswer(timeoutMs);
  if (result.exitCode !== 0) {
    const first = `${result.stdout}\n${result.stderr}`.split('\n').find((line) => line.trim());
    return `nvidia-smi stopped with exit code ${result.exitCode ?? result.signal}${first ? `: ${printable(first, 160)}` : ''}`;
  }
  return null;
}

/**
 * The slower, one-shot `nvidia-smi --query-compute-apps` (per-process memory changes slowly,
 * and the call is heavier than the loop's line). A failed query keeps the last list and says
 * why in the note, so a glitch does not look like an idle GPU.
 */
export function createComputeAppsPoller(options: ComputeAppsPollerOptions): ComputeAppsPoller {
  const { clock, runner, timeoutMs } = options;
  let state: ComputeAppsState = { processes: [], note: null, polled: false };
  let inFlight: Promise<void> | null = null;
  let timer: { cancel(): void } | null = null;
  let running = false;
  let lastQueryAt = -Infinity;
  let lastOk = false;

  const update = (next: ComputeAppsState) => {
    state = next;
    try {
      options.onUpdate();
    } catch {
      // a listener's failure is not the poller's
    }
  };

  const query = async (file: string): Promise<void> => {
    let result: CommandResult;
    try {
      result = await runner.run(file, computeAppsArgs(), { timeoutMs, maxOutputBytes: MAX_OUTPUT_BYTES, env: options.env });
    } catch (error) {
      result = { exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, truncated: false, spawnError: String(error), notFound: false };
    }
    const failed = failureReason(result, timeoutMs);
    // Output cut at the bound ends in a partial row: leave that row out.
    const text = result.truncated ? result.stdout.slice(0, result.stdout.lastIndexOf('\n') + 1) : result.stdout;
    const parsed = failed === null ? parseComputeApps(text) : null;
    if (parsed?.ok) {
      const memoryUnknown = parsed.processes.length > 0 && parsed.processes.every((p) => p.memoryBytes === null);
      const note = memoryUnknown ? 'nvidia-smi does not report per-process memory on this host (Windows WDDM or vGPU)' : null;
      lastOk = true;
      update({ processes: parsed.processes, note, polled: true });
      return;
    }
    lastOk = false;
    const reason = failed ?? (parsed && !parsed.ok ? parsed.reason : 'unknown');
    update({ processes: state.processes, note: `Per-process figures could not be read: ${reason}`, polled: true });
  };

  // The next round comes intervalMs after the last query ended, however that one was started.
  const schedule = () => {
    timer?.cancel();
    timer = null;
    if (!running) return;
    timer = clock.setTimeout(() => {
      timer = null;
      const quiet = lastOk && options.maxQuietMs !== undefined && options.unchanged?.() && clock.now() - lastQueryAt < options.maxQuietMs;
      if (quiet || !pollNowOrSkip()) schedule();
    }, options.intervalMs);
  };

  /** Starts a query unless one runs or there is nothing to ask; false when none was started. */
  const pollNowOrSkip = (): boolean => {
    if (inFlight) return true;
    const file = options.target();
    if (!file) return false;
    lastQueryAt = clock.now();
    inFlight = query(file).finally(() => {
      inFlight = null;
      schedule();
    });
    return true;
  };

  const pollNow = (): Promise<void> => {
    pollNowOrSkip();
    return inFlight ?? Promise.resolve();
  };

  return {
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    pollNow,
    latest: () => state,
    async stop() {
      running = false;
      timer?.cancel();
      timer = null;
      await inFlight;
    },
  };
}
