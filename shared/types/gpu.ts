/**
 * GPUs and the processes holding their memory (NVIDIA through nvidia-smi, Apple Silicon
 * through ioreg). A figure the tool does not report is null ("not reported"), never 0.
 */
export type GpuVendor = 'nvidia' | 'apple';

export interface GpuDevice {
  /** nvidia-smi's index; 0 for the one Apple GPU. */
  index: number;
  /** nvidia-smi's GPU-… UUID; null where the tool gives none (Apple). */
  uuid: string | null;
  name: string;
  vendor: GpuVendor;
  memoryUsedBytes: number | null;
  /** NVIDIA: the card's memory. Apple: the ceiling of unified memory the GPU may wire. */
  memoryTotalBytes: number | null;
  utilizationPercent: number | null;
  temperatureC: number | null;
  powerW: number | null;
  powerLimitW: number | null;
  /** NVIDIA MIG mode (`Enabled`/`Disabled`), null where not reported. */
  migMode: 'enabled' | 'disabled' | null;
  /** dedicated: the card's own memory; unified: shared with the CPU (Apple, GB10). */
  memoryKind: 'dedicated' | 'unified';
}

/** The container a GPU process runs in, through /proc/<pid>/cgroup and the Docker engine. */
export interface GpuProcessContainer {
  id: string;
  /** Container name, null when Docker did not answer for the id (untrusted text). */
  name: string | null;
  /** Compose project, null for a standalone container or when unknown. */
  stack: string | null;
  service: string | null;
}

export interface GpuProcess {
  /** Host PID (nvidia-smi reports host PIDs, also for containers). */
  pid: number;
  /** As the tool reports it: may contain commas, spaces, `=` (untrusted text). */
  name: string;
  gpuIndex: number | null;
  gpuUuid: string | null;
  memoryBytes: number | null;
  container: GpuProcessContainer | null;
  /** The process owner's user name (or uid as text), null when it could not be read. */
  user: string | null;
  /** Process start time (ms since epoch): with the pid, guards actions against PID reuse. */
  startedAt: number | null;
}

export type GpuState =
  /** A GPU source answered. */
  | 'ok'
  /** No GPU tool on this host (no nvidia-smi, not a Mac): not an error. */
  | 'unavailable'
  /** The tool exists but hangs, fails or prints garbage: `error` says how. */
  | 'unknown'
  /** gpu.enabled is false in the config. */
  | 'disabled';

export interface GpuSnapshot {
  at: number;
  /** True when a GPU source answered with devices (state 'ok'). */
  available: boolean;
  state: GpuState;
  /** Why there is no reading, in words an operator can act on (null when state is ok). */
  error: string | null;
  /** Which tool the figures come from. */
  source: 'nvidia-smi' | 'ioreg' | null;
  driverVersion: string | null;
  devices: GpuDevice[];
  /** Sorted by memory, largest first. */
  processes: GpuProcess[];
  /** Set when per-process figures are missing or stale, e.g. "Per-process figures are not available on this Mac". */
  processesNote: string | null;
  /** Apple: `kern.memorystatus_vm_pressure_level` in words; null elsewhere. */
  memoryPressure: 'normal' | 'warning' | 'critical' | null;
}
