import type { GpuDevice } from '../../../../../shared/types/gpu';
import type { GpuLine } from './gpuLineParser';

/**
 * The latest line of each GPU, keyed by UUID (by index where there is none). A GPU the running
 * loop stops reporting (it fell off the bus) is dropped once lines of other GPUs are newer than
 * it by `dropAfterMs`; with no lines at all (the tool exited and waits for a restart) the last
 * sample stays, since nothing newer says it is wrong.
 */
export class GpuDeviceTable {
  private readonly rows = new Map<string, { line: GpuLine; seenAt: number }>();

  constructor(private readonly dropAfterMs: number) {}

  update(line: GpuLine, now: number): void {
    const key = line.device.uuid ?? `index:${line.device.index}`;
    this.rows.set(key, { line, seenAt: now });
    for (const [other, row] of this.rows) if (now - row.seenAt > this.dropAfterMs) this.rows.delete(other);
  }

  clear(): void {
    this.rows.clear();
  }

  get size(): number {
    return this.rows.size;
  }

  devices(): GpuDevice[] {
    return [...this.rows.values()].map((row) => row.line.device).sort((a, b) => a.index - b.index);
  }

  /** The driver version of the newest line that reported one. */
  driverVersion(): string | null {
    let best: { version: string; at: number } | null = null;
    for (const row of this.rows.values()) {
      const version = row.line.driverVersion;
      if (version !== null && (!best || row.seenAt >= best.at)) best = { version, at: row.seenAt };
    }
    return best?.version ?? null;
  }
}
