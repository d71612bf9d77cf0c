import type { GpuController, HostInventory } from '../../../../shared/types/inventory';
import { formatGpuMemory } from './gpuFormat';

/**
 * The maker once: "AMD" + "EPYC 9454" → "AMD EPYC 9454", but "NVIDIA" + "NVIDIA H100" and
 * "ASPEED Technology, Inc." + "ASPEED Graphics Family" keep the model alone.
 */
export function withMaker(maker: string, model: string): string {
  const m = maker.trim();
  const name = model.trim();
  const firstWord = m.split(/[\s,]+/)[0]?.toLowerCase() ?? '';
  if (!m || (firstWord && name.toLowerCase().startsWith(firstWord))) return name || m;
  return name ? `${m} ${name}` : m;
}

/** "NVIDIA H100 80GB HBM3 (80.0 GB)", "Apple M2 Ultra (76 cores)". */
export function describeController(gpu: GpuController): string {
  const extras = [gpu.vramBytes != null ? formatGpuMemory(gpu.vramBytes) : null, gpu.cores != null ? `${gpu.cores} cores` : null].filter(Boolean);
  const name = withMaker(gpu.vendor, gpu.model);
  return extras.length > 0 ? `${name} (${extras.join(', ')})` : name;
}

/** Identical controllers once, with a count: "2 × NVIDIA H100 (80.0 GB)". */
export function describeControllers(gpus: GpuController[]): string[] {
  const counts = new Map<string, number>();
  for (const gpu of gpus) {
    const text = describeController(gpu);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([text, n]) => (n > 1 ? `${n} × ${text}` : text));
}

export function describeCpu(inventory: HostInventory): string | null {
  const { cpu } = inventory;
  return cpu ? withMaker(cpu.manufacturer, cpu.brand) : null;
}

/** "macOS 15.1 (arm64)", "Ubuntu 24.04.1 LTS 24.04 (x64)" trimmed of repeats. */
export function describeOs(inventory: HostInventory): string | null {
  const { os } = inventory;
  if (!os) return null;
  const name = os.distro && os.release && !os.distro.includes(os.release) ? `${os.distro} ${os.release}` : os.distro || os.platform;
  return os.arch ? `${name} (${os.arch})` : name;
}
