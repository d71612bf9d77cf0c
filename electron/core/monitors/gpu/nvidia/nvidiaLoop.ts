import type { GpuDevice } from '../../../../../shared/types/gpu';
import type { Clock } from '../../../clock';
import { printable } from './csvLine';
import { GpuDeviceTable } from './gpuDeviceTable';
import { parseGpuLine } from './gpuLineParser';
import { isExecutableFile, locateNvidiaSmi } from './locateNvidiaSmi';
import { LoopProcess, spawnLoopProcess, type LoopEnd, type SpawnLoopProcess } from './loopProcess';
import { classifyMessage, didNotAnswer, NO_DEVICES, NOT_FOUND, unreadableOutput } from './nvidiaSmiMessages';
import { GPU_FIELDS, loopArgs, smallerFieldSet, type GpuField } from './queryFields';
import { DEFAULT_BACKOFF, RestartBackoff, type BackoffOptions } from './restartBackoff';

export interface NvidiaLoopOptions {
  /** gpu.nvidiaSmiPath (empty: PATH and the driver folders). */
  nvidiaSmiPath: string;
  /** `-lms`: one line per GPU this often. */
  intervalMs: number;
  /** The first line of each run must come within this long. */
  timeoutMs: number;
  clock: Clock;
  spawn?: SpawnLoopProcess;
  /** Whether an executable is at a path (default: a stat + X_OK check). */
  exists?: (path: string) => boolean;
  /** The PATH searched for nvidia-smi (default process.env.PATH). */
  envPath?: string;
  /** The child's environment (default Opsbar's own). */
  env?: NodeJS.ProcessEnv;
  backoff?: Partial<BackoffOptions>;
  /** SIGTERM → SIGKILL grace when stopping or killing a silent run. Default 2 s. */
  killGraceMs?: number;
}

export interface LoopStatus {
  /** `starting`: the first run has neither answered nor failed yet. */
  state: 'starting' | 'ok' | 'unavailable' | 'unknown';
  error: string | null;
  devices: GpuDevice[];
  driverVersion: string | null;
  /** The nvidia-smi in use; null when none was found. */
  path: string | null;
  /** The field set this driver accepts (shrinks on an older driver). */
  fields: readonly GpuField[];
}

export interface NvidiaLoop {
  /** Starts the one long-running nvidia-smi; `onChange` is called when the status changed. */
  start(onChange: () => void): void;
  status(): LoopStatus;
  /** Resolves once the first figures or the first failure are known (at most `timeoutMs` after start). */
  settled(): Promise<void>;
  /** Kills the running nvidia-smi (SIGTERM, then SIGKILL) and never starts another. */
  stop(): Promise<void>;
  /** The running nvidia-smi's pid, if one runs. */
  readonly pid: number | undefined;
}

interface Run {
  proc: LoopProcess | null;
  startedAt: number;
  sawGpu: boolean;
  /** This run already reported why it gives no figures. */
  failed: boolean;
  /** Set when the driver rejected a field (the name it gave, null if it named none). */
  rejected: string | null | undefined;
  unreadable: string | null;
  stderrTail: string | null;
  timers: { cancel(): void }[];
  silence: { cancel(): void } | null;
}

type Problem = { state: 'unavailable' | 'unknown'; error: string };

function exitReason(end: LoopEnd, stderrTail: string | null): string {
  const tail = stderrTail ? `: ${stderrTail}` : '';
  if (end.exitCode !== null && end.exitCode !== 0) return `nvidia-smi stopped with exit code ${end.exitCode}${tail}`;
  if (end.signal) return `nvidia-smi was ended by ${end.signal}${tail}`;
  return `nvidia-smi exited without printing any GPU figures${tail}`;
}

/**
 * ONE long-running `nvidia-smi --query-gpu=… -lms <interval>` (starting nvidia-smi per sample
 * can cost seconds of GPU wake-up), read line by line. It is restarted with backoff when it
 * exits, killed and restarted when it falls silent, and asked for fewer fields when an older
 * driver rejects one. A stand-in that prints one sample and exits still yields figures: the
 * last sample is kept until a newer run says otherwise.
 */
export function createNvidiaLoop(options: NvidiaLoopOptions): NvidiaLoop {
  const { clock, intervalMs, timeoutMs } = options;
  const spawn = options.spawn ?? spawnLoopProcess;
  const exists = options.exists ?? isExecutableFile;
  const killGraceMs = options.killGraceMs ?? 2_000;
  // Silence in mid-run: the first-answer deadline plus three missed samples.
  const silenceMs = timeoutMs + 3 * intervalMs;
  const backoff = new RestartBackoff({ ...DEFAULT_BACKOFF, ...options.backoff });
  const table = new GpuDeviceTable(3 * intervalMs);
  let fields: GpuField[] = [...GPU_FIELDS];
  let problem: Problem | null = null;
  let path: string | null = null;
  let run: Run | null = null;
  let restartTimer: { cancel(): void } | null = null;
  let started = false;
  let stopped = false;
  let changed = false;
  let onChange: () => void = () => {};
  let isSettled = false;
  const settledWaiters: (() => void)[] = [];

  const settle = () => {
    if (isSettled) return;
    isSettled = true;
    for (const waiter of settledWaiters.splice(0)) waiter();
  };
  const notify = () => {
    if (!changed || stopped) return;
    changed = false;
    try {
      onChange();
    } catch {
      // a listener's failure is not the loop's
    }
  };
  const setProblem = (next: Problem) => {
    if (problem?.state !== next.state || problem.error !== next.error) changed = true;
    problem = next;
    // Old figures under a failure would read as current: hide them until a fresh line comes.
    if (table.size > 0) changed = true;
    table.clear();
    settle();
  };
  const failRun = (r: Run, next: Problem) => {
    if (r.failed) return;
    r.failed = true;
    setProblem(next);
  };

  const scheduleRestart = (ms: number) => {
    if (stopped) return;
    restartTimer = clock.setTimeout(launch, ms);
  };

  const armSilence = (r: Run) => {
    r.silence?.cancel();
    r.silence = clock.setTimeout(() => {
      if (run !== r) return;
      r.failed = true;
      setProblem({ state: 'unknown', error: r.unreadable && !r.sawGpu ? unreadableOutput(r.unreadable) : didNotAnswer(silenceMs) });
      notify();
      void r.proc?.kill();
    }, silenceMs);
  };

  const onText = (r: Run, line: string, stream: 'stdout' | 'stderr') => {
    const message = classifyMessage(line);
    if (message?.kind === 'invalid-field') r.rejected ??= message.field;
    else if (message?.kind === 'no-devices') failRun(r, { state: 'unavailable', error: NO_DEVICES });
    else if (message?.kind === 'driver-failure') failRun(r, { state: 'unknown', error: message.reason });
    else if (message === null && stream === 'stdout') {
      r.unreadable ??= line;
      // A stray line among good ones is ignored; a run that prints only such lines is reported.
      if (!r.sawGpu) failRun(r, { state: 'unknown', error: unreadableOutput(line) });
    } else if (message === null && line.trim()) r.stderrTail = printable(line, 160);
  };

  const onStdoutLine = (r: Run, line: string) => {
    if (run !== r) return;
    const parsed = parseGpuLine(line, fields);
    if (parsed.kind === 'skip') return;
    if (parsed.kind === 'unreadable') return onText(r, line, 'stdout');
    table.update(parsed.line, clock.now());
    problem = null;
    r.sawGpu = true;
    changed = true;
    armSilence(r);
    settle();
  };

  const onEnd = (r: Run, end: LoopEnd) => {
    for (const timer of r.timers) timer.cancel();
    r.silence?.cancel();
    if (run === r) run = null;
    if (stopped) return;
    const ranMs = clock.now() - r.startedAt;
    if (end.spawnError) {
      const notFound = end.spawnError.code === 'ENOENT';
      setProblem(notFound ? { state: 'unavailable', error: NOT_FOUND } : { state: 'unknown', error: `nvidia-smi could not be started: ${end.spawnError.code ?? end.spawnError.message}` });
    } else if (r.rejected !== undefined && !r.sawGpu) {
      const smaller = smallerFieldSet(fields, r.rejected);
      if (smaller) {
        // Not a failure of the tool: ask again at once with what this driver knows.
        fields = smaller;
        scheduleRestart(0);
        return;
      }
      setProblem({ state: 'unknown', error: `nvidia-smi rejected the fields Opsbar needs (Field "${printable(r.rejected ?? '?', 60)}" is not a valid field to query)` });
    } else if (!r.sawGpu && !r.failed) {
      setProblem({ state: 'unknown', error: exitReason(end, r.stderrTail) });
    }
    scheduleRestart(backoff.next(ranMs, r.sawGpu));
    notify();
  };

  function launch(): void {
    restartTimer = null;
    if (stopped) return;
    const located = locateNvidiaSmi({ configured: options.nvidiaSmiPath, envPath: options.envPath ?? process.env.PATH, exists });
    path = located.path;
    if (!path) {
      setProblem({ state: 'unavailable', error: NOT_FOUND });
      notify();
      // Cheap to look again (a few stats): the driver may be installed later.
      scheduleRestart(backoff.next(0, false));
      return;
    }
    const r: Run = { proc: null, startedAt: clock.now(), sawGpu: false, failed: false, rejected: undefined, unreadable: null, stderrTail: null, timers: [], silence: null };
    run = r;
    r.timers.push(
      clock.setTimeout(() => {
        if (run !== r || r.sawGpu || r.failed) return;
        failRun(r, { state: 'unknown', error: didNotAnswer(timeoutMs) });
        notify();
      }, timeoutMs),
    );
    armSilence(r);
    r.proc = new LoopProcess(
      { spawn, file: path, args: loopArgs(fields, intervalMs), env: options.env, clock, killGraceMs },
      {
        onStdoutLine: (line) => onStdoutLine(r, line),
        onStderrLine: (line) => run === r && onText(r, line, 'stderr'),
        onOversize: (head) => run === r && onText(r, head, 'stdout'),
        onChunk: notify,
        onEnd: (end) => onEnd(r, end),
      },
    );
  }

  return {
    start(listener) {
      if (started || stopped) return;
      started = true;
      onChange = listener;
      launch();
    },
    status() {
      const base = { path, fields, driverVersion: null };
      if (problem) return { ...base, state: problem.state, error: problem.error, devices: [] };
      if (table.size > 0) return { ...base, state: 'ok', error: null, devices: table.devices(), driverVersion: table.driverVersion() };
      if (!isSettled) return { ...base, state: 'starting', error: null, devices: [] };
      return { ...base, state: 'unknown', error: didNotAnswer(timeoutMs), devices: [] };
    },
    settled() {
      return isSettled ? Promise.resolve() : new Promise((resolve) => settledWaiters.push(resolve));
    },
    async stop() {
      stopped = true;
      restartTimer?.cancel();
      restartTimer = null;
      settle();
      const r = run;
      if (!r) return;
      for (const timer of r.timers) timer.cancel();
      r.silence?.cancel();
      await r.proc?.kill();
      run = null;
    },
    get pid() {
      return run?.proc?.pid;
    },
  };
}
