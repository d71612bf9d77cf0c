import type { GpuDevice, GpuSnapshot } from '../../../../shared/types/gpu';

/** A GPU process as the tool reports it, before it is mapped to a container and an owner. */
export interface RawGpuProcess {
  pid: number;
  name: string;
  gpuIndex: number | null;
  gpuUuid: string | null;
  memoryBytes: number | null;
}

/** One reading of a GPU source: what the GPU module's collector turns into a snapshot. */
export interface GpuReading {
  state: 'ok' | 'unavailable' | 'unknown';
  /** Why there is no (or only a partial) reading, in words an operator can act on. */
  error: string | null;
  source: NonNullable<GpuSnapshot['source']>;
  driverVersion: string | null;
  devices: GpuDevice[];
  processes: RawGpuProcess[];
  processesNote: string | null;
  memoryPressure: GpuSnapshot['memoryPressure'];
}

/**
 * Where GPU figures come from on this host: nvidia-smi (one long-running loop process plus a
 * slower one-shot per-process query) or ioreg (one short process per sample). `read()` never
 * throws: a missing, hanging or failing tool is a reading with state `unavailable` or `unknown`.
 */
export interface GpuSource {
  readonly kind: 'nvidia' | 'apple';
  /** Opens long-running readers; `onReading` is called when fresh figures arrive. */
  start(hooks: { onReading(): void }): void;
  /** The latest reading; the first call waits (bounded) for the first figures. */
  read(): Promise<GpuReading>;
  /** Ends every child process it started. */
  stop(): Promise<void>;
}
