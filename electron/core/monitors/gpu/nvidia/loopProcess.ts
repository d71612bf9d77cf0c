import { spawn, type ChildProcess } from 'node:child_process';
import type { Clock } from '../../../clock';
import { createLineSplitter } from './lineSplitter';

/** Starts the long-running nvidia-smi (never through a shell). Injected so tests can hand in fakes. */
export type SpawnLoopProcess = (file: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv }) => ChildProcess;

export const spawnLoopProcess: SpawnLoopProcess = (file, args, options) =>
  spawn(file, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, windowsHide: true, shell: false });

export interface LoopEnd {
  exitCode: number | null;
  signal: string | null;
  /** The program could not be started (ENOENT, EACCES…). */
  spawnError: NodeJS.ErrnoException | null;
}

export interface LoopProcessHooks {
  onStdoutLine(line: string): void;
  onStderrLine(line: string): void;
  onOversize(head: string): void;
  /** After each chunk of output: lets the owner report once per sample, not once per GPU line. */
  onChunk(): void;
  /** Exactly once, after the last line. */
  onEnd(end: LoopEnd): void;
}

export interface LoopProcessOptions {
  spawn: SpawnLoopProcess;
  file: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  clock: Clock;
  /** SIGTERM first; SIGKILL when it is still there after this long. */
  killGraceMs: number;
  maxLineChars?: number;
}

/**
 * One run of the nvidia-smi loop: its output as lines, its end, and a kill that escalates.
 * Restarting is the owner's business (`nvidiaLoop`).
 */
export class LoopProcess {
  private readonly child: ChildProcess | null = null;
  private ended = false;
  private spawnError: NodeJS.ErrnoException | null = null;
  private readonly endWaiters: (() => void)[] = [];

  constructor(
    private readonly options: LoopProcessOptions,
    private readonly hooks: LoopProcessHooks,
  ) {
    try {
      this.child = options.spawn(options.file, options.args, { env: options.env });
    } catch (error) {
      // spawn throws only for bad arguments; treat it like a start failure.
      this.spawnError = error as NodeJS.ErrnoException;
      queueMicrotask(() => this.finish(null, null));
      return;
    }
    const child = this.child;
    const out = createLineSplitter({ onLine: hooks.onStdoutLine, onOversize: hooks.onOversize }, options.maxLineChars);
    const err = createLineSplitter({ onLine: hooks.onStderrLine, onOversize: () => {} }, options.maxLineChars);
    child.stdout?.on('data', (chunk: Buffer) => {
      out.push(chunk);
      hooks.onChunk();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err.push(chunk);
      hooks.onChunk();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      this.spawnError ??= error;
      // Without a pid it never started, and 'close' is not promised to follow.
      if (child.pid === undefined) this.finish(null, null, out, err);
    });
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => this.finish(code, signal, out, err));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !this.ended;
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves once it has ended (or, bounded, soon after SIGKILL). */
  kill(): Promise<void> {
    if (this.ended || !this.child) return Promise.resolve();
    const child = this.child;
    return new Promise((resolve) => {
      let done = false;
      const settle = () => {
        if (done) return;
        done = true;
        escalate.cancel();
        giveUp?.cancel();
        resolve();
      };
      let giveUp: { cancel(): void } | null = null;
      const escalate = this.options.clock.setTimeout(() => {
        if (!this.ended) child.kill('SIGKILL');
        // A process stuck in the kernel may outlive SIGKILL for a while: stop waiting for it.
        giveUp = this.options.clock.setTimeout(settle, this.options.killGraceMs);
      }, this.options.killGraceMs);
      this.endWaiters.push(settle);
      child.kill('SIGTERM');
    });
  }

  private finish(code: number | null, signal: NodeJS.Signals | null, ...splitters: { end(): void }[]): void {
    if (this.ended) return;
    for (const splitter of splitters) splitter.end();
    this.ended = true;
    this.hooks.onChunk();
    this.hooks.onEnd({ exitCode: code, signal, spawnError: this.spawnError });
    for (const waiter of this.endWaiters.splice(0)) waiter();
  }
}
