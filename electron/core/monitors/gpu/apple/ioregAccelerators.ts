/**
 * What one `ioreg -r -d 2 -w 0 -c IOAccelerator -a` says about the Apple GPU, read from the
 * property list it prints. `-a` writes the registry as an XML plist: an array with one dict per
 * matched IOAccelerator, each holding its properties plus `IOObjectClass`, `IORegistryEntryName`
 * and, with `-d 2`, its children in `IORegistryEntryChildren` (the GPU's user clients).
 *
 * Keys read, as exelban/stats (Modules/GPU/reader.swift), macmon and macos-gpu-proc read them:
 * `PerformanceStatistics` → "Device Utilization %", "In use system memory",
 * "Alloc system memory"; `model` (a string such as "Apple M1 Pro" on current macOS, data on
 * some entries); `gpu-core-count`; and on each child `IOUserClientCreator` = "pid N, name".
 */

export interface AppleGpuClient {
  pid: number;
  /** As the kernel recorded it (the process's short name; may contain spaces, commas). */
  name: string;
}

export interface AppleAccelerator {
  /** IOObjectClass (or IOClass), e.g. `AGXAcceleratorG13X`. */
  className: string;
  /** The registry's `model`, null when the entry has none (older macOS). */
  model: string | null;
  coreCount: number | null;
  utilizationPercent: number | null;
  /** "In use system memory": unified memory the GPU's resources occupy now. */
  memoryUsedBytes: number | null;
  /** "Alloc system memory": what the driver has allocated, in use or not (≥ in use). */
  memoryAllocatedBytes: number | null;
  /** The AGX driver's `IOSourceVersion`, e.g. "190.22". */
  driverVersion: string | null;
  /** One per process holding the GPU open (deduplicated by pid), in registry order. */
  clients: AppleGpuClient[];
  /** False when the entry has no child that names its creating process. */
  hasClientData: boolean;
}

export type AcceleratorParse =
  | { ok: true; accelerators: AppleAccelerator[]; otherClasses: string[] }
  | { ok: false; reason: string };

type Dict = Record<string, unknown>;

const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

const text = (value: unknown): string | null => {
  // `model` is a string on AGXAccelerator, but IOKit stores some names as NUL-padded data.
  const raw = typeof value === 'string' ? value : value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : null;
  const cleaned = raw?.replace(/\0/g, '').trim();
  return cleaned ? cleaned : null;
};

/** "pid 4245, python3.12" → { pid, name }; anything else → null. */
export function parseUserClientCreator(value: unknown): AppleGpuClient | null {
  if (typeof value !== 'string') return null;
  const match = /^pid (\d+), ?(.*)$/s.exec(value);
  if (!match) return null;
  const pid = Number(match[1]);
  return pid > 0 ? { pid, name: match[2].trim() } : null;
}

/** Apple's own GPU (AGX…); Intel and AMD accelerators of Intel Macs are not. */
function isAppleGpu(entry: Dict, className: string): boolean {
  return /agx/i.test(className) || /agx/i.test(String(entry.IOClass ?? '')) || /^Apple /.test(text(entry.model) ?? '');
}

function readAccelerator(entry: Dict, className: string): AppleAccelerator {
  const stats = isDict(entry.PerformanceStatistics) ? entry.PerformanceStatistics : {};
  const utilization = count(stats['Device Utilization %'] ?? stats['GPU Activity(%)']);
  const children = Array.isArray(entry.IORegistryEntryChildren) ? entry.IORegistryEntryChildren.filter(isDict) : [];
  const clients = new Map<number, AppleGpuClient>();
  for (const child of children) {
    const client = parseUserClientCreator(child.IOUserClientCreator);
    if (client && !clients.has(client.pid)) clients.set(client.pid, client);
  }
  return {
    className,
    model: text(entry.model),
    coreCount: count(entry['gpu-core-count']),
    utilizationPercent: utilization === null ? null : Math.min(100, utilization),
    memoryUsedBytes: count(stats['In use system memory']),
    memoryAllocatedBytes: count(stats['Alloc system memory']),
    driverVersion: text(entry.IOSourceVersion),
    clients: [...clients.values()],
    hasClientData: clients.size > 0,
  };
}

/** The decoded plist (see `plistParser.ts`) → the Apple GPUs in it. */
export function readAccelerators(plist: unknown): AcceleratorParse {
  // One matched entry may come back unwrapped, as a bare dict.
  const entries = Array.isArray(plist) ? plist : isDict(plist) ? [plist] : null;
  if (!entries) return { ok: false, reason: 'ioreg printed a property list that is not a list of registry entries' };
  const accelerators: AppleAccelerator[] = [];
  const otherClasses: string[] = [];
  for (const entry of entries) {
    if (!isDict(entry)) continue;
    const className = text(entry.IOObjectClass) ?? text(entry.IOClass) ?? text(entry.IORegistryEntryName) ?? 'IOAccelerator';
    if (isAppleGpu(entry, className)) accelerators.push(readAccelerator(entry, className));
    else otherClasses.push(className);
  }
  return { ok: true, accelerators, otherClasses };
}
