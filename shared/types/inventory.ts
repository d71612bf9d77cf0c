/** What the host is, read once at start (systeminformation), never in the always-on loop. */
export interface GpuController {
  vendor: string;
  model: string;
  /** Dedicated video memory, null when the system does not say (unified memory). */
  vramBytes: number | null;
  /** Apple GPUs: the GPU core count. */
  cores: number | null;
}

export interface HostInventory {
  /** When it was read. */
  at: number;
  cpu: { manufacturer: string; brand: string; cores: number; physicalCores: number } | null;
  os: { platform: string; distro: string; release: string; arch: string; kernel: string } | null;
  /** Total physical memory. */
  memoryBytes: number | null;
  gpus: GpuController[];
  /** Why some of it is missing, if it is. */
  error: string | null;
}
