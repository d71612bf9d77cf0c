import { spawn, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { ProcessRunOptions, ProcessRunResult, ProcessRunner } from './processRunner';

export interface SpawnProcessRunnerOptions {
  /** Between SIGTERM to the group and SIGKILL to what is left of it (default 2000 ms). */
  killGraceMs?: number;
  /**
   * After SIGKILL, how long to wait for the output pipes to close before giving up on them
   * (default 1000 ms): a grandchild that left the group (setsid) may hold them open forever.
   */
  closeWaitMs?: number;
}

const SHELL = '/bin/sh';

/**
 * The production ProcessRunner: `/bin/sh -c script` as the leader of its own process group
 * (detached), stdin closed, stdout and stderr interleaved into onOutput as they come. Aborting
 * the signal sends SIGTERM to the whole group, then SIGKILL after the grace period if any of
 * it is left. Resolves once the shell exited and its output pipes closed; never rejects.
 *
 * A script that exits while a background child still holds its output keeps the step running
 * (its output still matters) until the child ends or the step is aborted: services started
 * from a step must redirect their output (`cmd >/dev/null 2>&1 &`).
 */
export function createProcessRunner(options: SpawnProcessRunnerOptions = {}): ProcessRunner {
  const killGraceMs = options.killGraceMs ?? 2_000;
  const closeWaitMs = options.closeWaitMs ?? 1_000;
  return {
    async run(run: ProcessRunOptions): Promise<ProcessRunResult> {
      if (run.signal.aborted) return { exitCode: null, signal: null, killed: true, spawnError: null };
      const cwdProblem = await checkWorkingDirectory(run.cwd);
      if (cwdProblem) return failed(cwdProblem);
      if (run.signal.aborted) return { exitCode: null, signal: null, killed: true, spawnError: null };
      let child: ChildProcess;
      try {
        child = spawn(SHELL, ['-c', run.script], { detached: true, cwd: run.cwd, env: run.env, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        // Synchronous refusals: a NUL byte in the script or the environment, a bad argument.
        return failed(describeSpawnError(error, run.cwd));
      }
      return supervise(child, run, killGraceMs, closeWaitMs);
    },
  };
}

function failed(spawnError: string): ProcessRunResult {
  return { exitCode: null, signal: null, killed: false, spawnError };
}

function supervise(child: ChildProcess, run: ProcessRunOptions, killGraceMs: number, closeWaitMs: number): Promise<ProcessRunResult> {
  return new Promise((resolve) => {
    const pid = child.pid;
    let exit: { code: number | null; signal: string | null } | null = null;
    let openStreams = 2;
    let killed = false;
    let killSent = false;
    let done = false;
    const timers: NodeJS.Timeout[] = [];

    const finish = (result: ProcessRunResult) => {
      if (done) return;
      done = true;
      for (const timer of timers) clearTimeout(timer);
      run.signal.removeEventListener('abort', onAbort);
      resolve(result);
    };

    const settle = () => {
      if (!exit || openStreams > 0) return;
      // A killed group gets its SIGKILL unless it is already gone, so nothing outlives the step
      // and the group id is never signalled after it could have been reused.
      if (killed && !killSent && pid !== undefined && groupExists(pid)) return;
      finish({ exitCode: exit.code, signal: exit.signal, killed, spawnError: null });
    };

    const forward = (chunk: Buffer) => {
      try {
        run.onOutput(chunk);
      } catch {
        // A failing sink must not stop the process being drained (it would block on a full pipe).
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) {
        openStreams--;
        continue;
      }
      stream.on('data', forward);
      stream.on('error', () => {});
      stream.once('close', () => {
        openStreams--;
        settle();
      });
    }

    child.once('error', (error) => {
      // Spawn failures arrive here (no pid); later errors (a failed kill) are not fatal.
      if (child.pid === undefined) finish(failed(describeSpawnError(error, run.cwd)));
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      settle();
    });

    function onAbort() {
      if (pid === undefined || killed) return;
      killed = true;
      signalGroup(pid, 'SIGTERM');
      timers.push(
        setTimeout(() => {
          if (groupExists(pid)) signalGroup(pid, 'SIGKILL');
          killSent = true;
          settle();
          // Whatever still holds the pipes left the group: stop waiting for it.
          timers.push(
            setTimeout(() => {
              child.stdout?.destroy();
              child.stderr?.destroy();
              if (!exit) exit = { code: null, signal: 'SIGKILL' };
              openStreams = 0;
              settle();
            }, closeWaitMs),
          );
        }, killGraceMs),
      );
    }
    run.signal.addEventListener('abort', onAbort, { once: true });
    if (run.signal.aborted) onAbort();
  });
}

/** Whether any process of the group is left (zombies count until they are reaped). */
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

async function checkWorkingDirectory(cwd: string): Promise<string | null> {
  try {
    const info = await stat(cwd);
    return info.isDirectory() ? null : `working directory ${cwd} is not a directory`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `working directory ${cwd} does not exist`;
    if (code === 'EACCES') return `working directory ${cwd} cannot be reached (permission denied)`;
    if (code === 'ENOTDIR') return `working directory ${cwd} is not a directory`;
    return `working directory ${cwd} cannot be used (${code ?? String(error)})`;
  }
}

function describeSpawnError(error: unknown, cwd: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return `${SHELL} was not found (or working directory ${cwd} vanished)`;
  if (code === 'EACCES') return `permission denied starting ${SHELL} in ${cwd}`;
  if (code === 'ERR_INVALID_ARG_VALUE' || code === 'ERR_INVALID_ARG_TYPE') {
    return 'the script or its environment contains a NUL byte or an invalid value';
  }
  if (code === 'EAGAIN' || code === 'ENOMEM') return `the system cannot start another process right now (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return `${SHELL} could not be started: ${message}`;
}
