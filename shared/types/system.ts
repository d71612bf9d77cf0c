export interface DiskUsage {
  mount: string;
  fsType: string;
  totalBytes: number;
  freeBytes: number;
  usedBytes: number;
  /** Used share of the space a normal user can use, 0–100. */
  usedPercent: number;
}

export interface SystemSnapshot {
  at: number;
  hostname: string;
  platform: string;
  cpu: { percent: number; cores: number };
  memory: { totalBytes: number; usedBytes: number; availableBytes: number; percent: number };
  swap: { totalBytes: number; usedBytes: number };
  load: [number, number, number];
  uptimeSeconds: number;
  disks: DiskUsage[];
}
