// The fake nvidia-smi (test/support/fakeNvidiaSmi.mjs) set up for one test: a temp folder with
// a symlink named nvidia-smi, an invocation log, and the environment that picks its behaviour.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Clock } from '../../../../../electron/core/clock';

/**
 * The system clock with timers that keep Node running: systemClock's are unref'd (the app keeps
 * itself alive), and a test awaiting only a restart timer would otherwise end early.
 */
export const refClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(handle) };
  },
};

export const FAKE_NVIDIA_SMI = resolve(__dirname, '../../../../support/fakeNvidiaSmi.mjs');

export interface StandIn {
  dir: string;
  /** The symlink to pass as nvidiaSmiPath. */
  path: string;
  env: NodeJS.ProcessEnv;
  /** One entry per time nvidia-smi was started. */
  invocations(): { pid: number; at: number; path: string; argv: string[] }[];
  /** Only the loop's invocations (`--query-gpu`). */
  loopInvocations(): { pid: number; at: number; path: string; argv: string[] }[];
  remove(): void;
}

export function createStandIn(vars: Record<string, string>): StandIn {
  const dir = mkdtempSync(join(tmpdir(), 'opsbar-nvsmi-'));
  const path = join(dir, 'nvidia-smi');
  symlinkSync(FAKE_NVIDIA_SMI, path);
  const log = join(dir, 'invocations.log');
  // Without the test runner's `--import tsx`: the stand-in is plain JavaScript and starts faster.
  const { NODE_OPTIONS: _ignored, ...rest } = process.env;
  const env = { ...rest, FAKE_NVIDIA_SMI_LOG: log, ...vars };
  const invocations = () =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { pid: number; at: number; path: string; argv: string[] })
      : [];
  return {
    dir,
    path,
    env,
    invocations,
    loopInvocations: () => invocations().filter((i) => i.argv.some((a) => a.startsWith('--query-gpu='))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Polls `predicate` until it holds; the deadline only ends a hung test. */
export async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, deadlineMs = 20_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
