import type { GpuSnapshot } from '../../../../../shared/types/gpu';

/**
 * The sysctls the Apple GPU source reads, in one `sysctl NAME…` call per sample. Without `-n`
 * each value comes back on a `name: value` line, so a missing one cannot shift the others.
 * macOS's sysctl stops at the first unknown name (`errx(1, "unknown oid …")`), so the ones
 * every macOS has come first and `iogpu.wired_limit_mb` (macOS 14+, Apple Silicon) last.
 */
export const SYSCTL_NAMES = ['machdep.cpu.brand_string', 'hw.memsize', 'kern.memorystatus_vm_pressure_level', 'iogpu.wired_limit_mb'] as const;

export interface SysctlReadings {
  /** e.g. "Apple M1 Pro": names the GPU when the registry has no `model`. */
  chipName: string | null;
  totalMemoryBytes: number | null;
  /** null: the name is unknown here (older macOS, Intel) or unreadable. */
  wiredLimitMb: number | null;
  pressure: GpuSnapshot['memoryPressure'];
}

/** `name: value` lines → a map (values may contain ": " themselves). */
function lines(stdout: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const at = line.indexOf(': ');
    if (at > 0) values.set(line.slice(0, at).trim(), line.slice(at + 2).trim());
  }
  return values;
}

const integer = (value: string | undefined): number | null => (value !== undefined && /^\d+$/.test(value) ? Number(value) : null);

/**
 * `kern.memorystatus_vm_pressure_level` in words. XNU's handler
 * (bsd/kern/kern_memorystatus_notify.c, `sysctl_memorystatus_vm_pressure_level`) returns the
 * dispatch flags NOTE_MEMORYSTATUS_PRESSURE_NORMAL/WARN/CRITICAL = 1/2/4, not its internal
 * level enum; anything else is not guessed at.
 */
export function pressureFromLevel(level: number | null): GpuSnapshot['memoryPressure'] {
  if (level === 1) return 'normal';
  if (level === 2) return 'warning';
  if (level === 4) return 'critical';
  return null;
}

export function parseSysctlReadings(stdout: string): SysctlReadings {
  const values = lines(stdout);
  const memsize = integer(values.get('hw.memsize'));
  return {
    chipName: values.get('machdep.cpu.brand_string') || null,
    totalMemoryBytes: memsize !== null && memsize > 0 ? memsize : null,
    wiredLimitMb: integer(values.get('iogpu.wired_limit_mb')),
    pressure: pressureFromLevel(integer(values.get('kern.memorystatus_vm_pressure_level'))),
  };
}
