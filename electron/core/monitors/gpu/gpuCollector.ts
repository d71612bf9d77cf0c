import type { GpuProcess, GpuSnapshot } from '../../../../shared/types/gpu';
import type { Clock } from '../../clock';
import type { Collector, CollectorOutput } from '../collector';
import { deviceSamples, processSamples } from './gpuSamples';
import type { GpuSource, RawGpuProcess } from './gpuSource';

export interface GpuCollectorOptions {
  source: GpuSource;
  /** Maps raw processes to containers and owners (/proc, the Docker engine). */
  enrich(raw: RawGpuProcess[]): Promise<GpuProcess[]>;
  clock: Clock;
  intervalMs: number;
}

/**
 * The GPU module's collector: the source's latest reading, processes mapped to containers.
 * Processes are enriched only when the source's list changed (it refreshes more slowly than
 * the devices), so the always-on loop reads /proc and asks Docker only then.
 */
export class GpuCollector implements Collector<GpuSnapshot> {
  readonly id = 'gpu';
  readonly intervalMs: number;
  private lastRaw: RawGpuProcess[] | null = null;
  private enriched: GpuProcess[] = [];

  constructor(private readonly options: GpuCollectorOptions) {
    this.intervalMs = options.intervalMs;
  }

  start(): void {
    // The scheduler reads on its own interval; fresh lines in between wait for the next read.
    this.options.source.start({ onReading: () => undefined });
  }

  async collect(): Promise<CollectorOutput<GpuSnapshot>> {
    const reading = await this.options.source.read();
    const at = this.options.clock.now();
    let freshProcesses = false;
    if (reading.processes !== this.lastRaw) {
      this.lastRaw = reading.processes;
      this.enriched = reading.processes.length > 0 ? await this.options.enrich(reading.processes) : [];
      freshProcesses = true;
    }
    const ok = reading.state === 'ok';
    const snapshot: GpuSnapshot = {
      at,
      available: ok && reading.devices.length > 0,
      state: reading.state,
      error: reading.error,
      source: reading.source,
      driverVersion: reading.driverVersion,
      devices: reading.devices,
      processes: this.enriched,
      processesNote: reading.processesNote,
      memoryPressure: reading.memoryPressure,
    };
    const samples = ok ? [...deviceSamples(reading.devices, at), ...(freshProcesses ? processSamples(this.enriched, at) : [])] : [];
    return { snapshot, samples };
  }

  async stop(): Promise<void> {
    await this.options.source.stop();
  }
}
