import * as systeminformation from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { GpuController, HostInventory } from '../../../shared/types/inventory';
import type { Clock } from '../clock';
import { settleWithin } from './settleWithin';

/** The parts of systeminformation the inventory calls; tests pass a fake. */
export interface SystemInformationLike {
  cpu(): Promise<Pick<Systeminformation.CpuData, 'manufacturer' | 'brand' | 'cores' | 'physicalCores'>>;
  osInfo(): Promise<Pick<Systeminformation.OsData, 'platform' | 'distro' | 'release' | 'arch' | 'kernel'>>;
  mem(): Promise<Pick<Systeminformation.MemData, 'total'>>;
  graphics(): Promise<{ controllers: ReadonlyArray<Partial<Systeminformation.GraphicsControllerData>> }>;
}

export interface HostInventoryOptions {
  si?: SystemInformationLike;
  clock: Clock;
  /** Deadline of each systeminformation call. Default 5 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const MIB = 1024 * 1024;

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
/** A count or size > 0; systeminformation gives Apple's `cores` as a string ("16"). */
const positive = (value: unknown): number | null => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : null;
};

function controllerOf(c: Partial<Systeminformation.GraphicsControllerData>): GpuController | null {
  const vendor = str(c.vendor);
  const model = str(c.model);
  if (!vendor && !model) return null;
  const vram = positive(c.vram);
  return {
    vendor,
    model,
    // In MB. `vramDynamic` memory is shared with the CPU (Apple Silicon, integrated): not dedicated.
    vramBytes: vram !== null && c.vramDynamic !== true ? Math.round(vram * MIB) : null,
    cores: positive(c.cores),
  };
}

/**
 * What the host is, read once at start: CPU, OS, total memory and GPU controllers. Each call
 * has its own deadline and the four run side by side; what fails or hangs is left out and
 * named in `error`. Never throws. `si.graphics()` may spawn lspci / nvidia-smi /
 * system_profiler, which is why this is not for the sampling loop.
 */
export async function readHostInventory(options: HostInventoryOptions): Promise<HostInventory> {
  const si = options.si ?? systeminformation;
  const { clock } = options;
  const ms = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const at = clock.now();
  const [cpu, os, mem, graphics] = await Promise.all([
    settleWithin(() => si.cpu(), ms, clock),
    settleWithin(() => si.osInfo(), ms, clock),
    settleWithin(() => si.mem(), ms, clock),
    settleWithin(() => si.graphics(), ms, clock),
  ]);
  const errors: string[] = [];
  for (const [what, outcome] of [['cpu', cpu], ['os', os], ['memory', mem], ['graphics', graphics]] as const) {
    if (!outcome.ok) errors.push(`${what}: ${outcome.error}`);
  }
  const controllers = graphics.ok && Array.isArray(graphics.value?.controllers) ? graphics.value.controllers : [];
  return {
    at,
    cpu: cpu.ok
      ? {
          manufacturer: str(cpu.value.manufacturer),
          brand: str(cpu.value.brand),
          cores: positive(cpu.value.cores) ?? 0,
          physicalCores: positive(cpu.value.physicalCores) ?? 0,
        }
      : null,
    os: os.ok
      ? {
          platform: str(os.value.platform),
          distro: str(os.value.distro),
          release: str(os.value.release),
          arch: str(os.value.arch),
          kernel: str(os.value.kernel),
        }
      : null,
    memoryBytes: mem.ok ? positive(mem.value.total) : null,
    gpus: controllers.map(controllerOf).filter((c): c is GpuController => c !== null),
    error: errors.length > 0 ? errors.join('; ') : null,
  };
}
