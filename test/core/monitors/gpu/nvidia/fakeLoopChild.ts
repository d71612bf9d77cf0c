// A scripted stand-in for the nvidia-smi loop's child process (for tests with a hand-driven clock).
import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import type { SpawnLoopProcess } from '../../../../../electron/core/monitors/gpu/nvidia/loopProcess';

export class FakeLoopChild extends EventEmitter {
  readonly stdout = new EventEmitter();
  readonly stderr = new EventEmitter();
  readonly signals: string[] = [];
  closed = false;
  /** Signals it dies of (SIGKILL always). */
  diesOn = new Set(['SIGTERM', 'SIGKILL']);

  constructor(
    readonly file: string,
    readonly args: readonly string[],
    readonly pid: number | undefined,
  ) {
    super();
  }

  print(text: string): void {
    this.stdout.emit('data', Buffer.from(text));
  }

  printErr(text: string): void {
    this.stderr.emit('data', Buffer.from(text));
  }

  exit(code: number | null, signal: string | null = null): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', code, signal);
  }

  kill(signal: string): boolean {
    this.signals.push(signal);
    if (this.diesOn.has(signal) || signal === 'SIGKILL') queueMicrotask(() => this.exit(null, signal));
    return true;
  }

  get fields(): string[] {
    return this.args[0].replace('--query-gpu=', '').split(',');
  }
}

/** A spawn that records every child; `failWith` makes the next spawn fail like a missing binary. */
export function fakeSpawner() {
  const children: FakeLoopChild[] = [];
  let nextPid = 1000;
  const state = { failWith: null as string | null };
  const spawn: SpawnLoopProcess = (file, args) => {
    const code = state.failWith;
    const child = new FakeLoopChild(file, args, code ? undefined : nextPid++);
    children.push(child);
    if (code) {
      queueMicrotask(() => {
        child.emit('error', Object.assign(new Error(`spawn ${file} ${code}`), { code }));
        child.exit(code === 'ENOENT' ? -2 : -13);
      });
    }
    return child as unknown as ChildProcess;
  };
  return { spawn, children, state, get last() { return children[children.length - 1]; } };
}

/** A line of the loop's fields for one GPU. */
export function gpuLine(index: number, over: Partial<Record<string, string>> = {}, fields?: string[]): string {
  const values: Record<string, string> = {
    index: String(index),
    uuid: `GPU-0000000${index}-aaaa-bbbb-cccc-dddddddddddd`,
    driver_version: '590.48.01',
    'memory.used': '1024',
    'memory.total': '81559',
    'utilization.gpu': '50',
    'temperature.gpu': '40',
    'power.draw': '100.5',
    'power.limit': '700.00',
    'mig.mode.current': 'Disabled',
    name: `NVIDIA H100 ${index}`,
    ...over,
  };
  const order = fields ?? ['index', 'uuid', 'driver_version', 'memory.used', 'memory.total', 'utilization.gpu', 'temperature.gpu', 'power.draw', 'power.limit', 'mig.mode.current', 'name'];
  return `${order.map((f) => values[f]).join(', ')}\n`;
}
