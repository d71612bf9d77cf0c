import { printable } from './csvLine';
import { rejectedField } from './queryFields';

/**
 * The sentences nvidia-smi prints instead of figures (on stdout or stderr, depending on the
 * driver), recognised so the operator reads a plain reason rather than "cannot read output".
 */
export type NvidiaSmiMessage =
  /** The tool runs but cannot reach the driver / NVML: the reason is the tool's own first line. */
  | { kind: 'driver-failure'; reason: string }
  /** The driver answers and has no GPU: not an error. */
  | { kind: 'no-devices' }
  /** An older driver that does not know a field we asked for. */
  | { kind: 'invalid-field'; field: string }
  /** compute-apps on some drivers: the same as an empty answer. */
  | { kind: 'no-processes' };

const DRIVER_FAILURES: readonly RegExp[] = [
  /^NVIDIA-SMI has failed because/i,
  /^Failed to initialize NVML/i,
  /^NVIDIA-SMI couldn't find libnvidia-ml/i,
  /^Unable to determine the device handle for/i,
  /^Unable to determine the number of GPUs/i,
  /^Driver\/library version mismatch/i,
];

export function classifyMessage(line: string): NvidiaSmiMessage | null {
  const text = line.trim();
  if (!text) return null;
  const field = rejectedField(text);
  if (field !== null) return { kind: 'invalid-field', field };
  if (/^No devices were found/i.test(text)) return { kind: 'no-devices' };
  if (/^No running (compute )?processes found/i.test(text)) return { kind: 'no-processes' };
  if (DRIVER_FAILURES.some((pattern) => pattern.test(text))) return { kind: 'driver-failure', reason: printable(text, 240) };
  return null;
}

export const NO_DEVICES = 'nvidia-smi found no GPU';
export const NOT_FOUND = 'No NVIDIA GPU: nvidia-smi not found';

export function didNotAnswer(ms: number): string {
  return `nvidia-smi did not answer in ${seconds(ms)} s`;
}

export function unreadableOutput(text: string): string {
  return `nvidia-smi printed output Opsbar cannot read: ${printable(text)}`;
}

/** "2 s", "1.5 s", "0.3 s": whole seconds where they are whole. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : String(Math.round(s * 10) / 10);
}
