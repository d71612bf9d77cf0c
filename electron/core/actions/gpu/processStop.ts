import { setTimeout as delay } from 'node:timers/promises';
import type { PlanItem } from '../../../../shared/types/actions';
import type { ExecutionContext, ItemResult } from '../actionPlugin';
import { describeStartTicks, hasExited, readProcessIdentity, type ProcessIdentity } from './processIdentity';

/** How often /proc is read while a process is given time to exit. */
const EXIT_POLL_MS = 25;

export interface ProcessStopOptions {
  /** Default '/proc'. */
  procRoot?: string;
  /** Default process.kill (tests may observe the signals). */
  kill?: (pid: number, signal: NodeJS.Signals) => void;
}

function factsOf(item: PlanItem): { pid: number; startTicks: number } {
  const { pid, startTicks } = item.facts;
  if (typeof pid !== 'number' || typeof startTicks !== 'number') throw new Error(`Plan item ${item.id} has no PID and start time: plan again.`);
  return { pid, startTicks };
}

/** Why this process is not the planned one any more, or null when it still is. */
function changed(pid: number, startTicks: number, now: ProcessIdentity | null): string | null {
  if (now === null || now.state === 'Z' || now.state === 'X') return `PID ${pid} is already gone`;
  if (now.startTicks !== startTicks)
    return `PID ${pid} now belongs to another process (started ${describeStartTicks(now.startTicks)}, the planned one started ${describeStartTicks(startTicks)}): left alone`;
  return null;
}

/** Polls /proc until the process has exited or `ms` passed (or the run is aborted); true when it exited. */
async function exitWithin(pid: number, startTicks: number, ms: number, signal: AbortSignal, procRoot: string): Promise<boolean> {
  const until = performance.now() + ms;
  for (;;) {
    if (hasExited(readProcessIdentity(pid, procRoot), startTicks)) return true;
    if (signal.aborted || performance.now() >= until) return false;
    await delay(Math.min(EXIT_POLL_MS, Math.max(1, until - performance.now())), undefined, { signal }).catch(() => undefined);
  }
}

/** Sends `signal` unless the PID changed hands; the reason it was not sent, or null when it was. */
function signalIfSame(pid: number, startTicks: number, signal: NodeJS.Signals, kill: NonNullable<ProcessStopOptions['kill']>, procRoot: string): string | null {
  // Checked right before the signal: the window in which the PID could be reused is this gap.
  const reason = changed(pid, startTicks, readProcessIdentity(pid, procRoot));
  if (reason) return reason;
  try {
    kill(pid, signal);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return `PID ${pid} is already gone`;
    if (code === 'EPERM') throw new Error(`Opsbar may not signal PID ${pid} (${signal} was refused: it belongs to another user); stop it as that user.`, { cause: error });
    throw error;
  }
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

/**
 * Stops one planned process: SIGTERM, up to `termGrace` to exit, then SIGKILL — each signal only
 * while the PID still has the planned start time (a reused PID is another process: skipped).
 */
export async function stopProcess(item: PlanItem, context: ExecutionContext, options: ProcessStopOptions = {}): Promise<ItemResult> {
  const { pid, startTicks } = factsOf(item);
  const procRoot = options.procRoot ?? '/proc';
  const kill = options.kill ?? ((p, s) => void process.kill(p, s));
  const graceMs = context.settings().emergency.gpu.termGrace;
  const notSent = signalIfSame(pid, startTicks, 'SIGTERM', kill, procRoot);
  if (notSent) return { outcome: 'skipped', detail: notSent };
  if (await exitWithin(pid, startTicks, graceMs, context.signal, procRoot)) return { outcome: 'done', detail: 'stopped with SIGTERM', bytes: item.bytes };
  if (context.signal.aborted) return { outcome: 'failed', detail: `the run was stopped while PID ${pid} had SIGTERM and had not exited yet; no SIGKILL was sent` };
  if (signalIfSame(pid, startTicks, 'SIGKILL', kill, procRoot)) return { outcome: 'done', detail: 'stopped with SIGTERM', bytes: item.bytes };
  if (await exitWithin(pid, startTicks, context.callTimeoutMs, context.signal, procRoot))
    return { outcome: 'done', detail: `killed with SIGKILL after ${seconds(graceMs)}`, bytes: item.bytes };
  return { outcome: 'failed', detail: `PID ${pid} is still there after SIGKILL (it may be stuck in the kernel, state D): check it with ps and nvidia-smi` };
}
