/**
 * What Opsbar asks nvidia-smi for, and the arguments that ask it. Older drivers reject fields
 * they do not know (`Field "mig.mode.current" is not a valid field to query.`), so the GPU
 * field list can shrink: `smallerFieldSet` says what to try next.
 */

export type GpuField =
  | 'index'
  | 'uuid'
  | 'driver_version'
  | 'memory.used'
  | 'memory.total'
  | 'utilization.gpu'
  | 'temperature.gpu'
  | 'power.draw'
  | 'power.limit'
  | 'mig.mode.current'
  | 'name';

/**
 * The full list. `name` is last on purpose: nvidia-smi does not quote, and a name with a comma
 * then only lengthens the last cell instead of shifting every column after it.
 */
export const GPU_FIELDS: readonly GpuField[] = [
  'index',
  'uuid',
  'driver_version',
  'memory.used',
  'memory.total',
  'utilization.gpu',
  'temperature.gpu',
  'power.draw',
  'power.limit',
  'mig.mode.current',
  'name',
];

/** Without these a line cannot be tied to a GPU or shown: never dropped. */
const ESSENTIAL: readonly GpuField[] = ['index', 'name'];

/** Newer than the rest (MIG came with driver 450); dropped first when a field is rejected that is not in the list. */
const OPTIONAL: readonly GpuField[] = ['power.limit', 'mig.mode.current'];

/** `Field "x" is not a valid field to query.` → `x`; null for any other text. */
export function rejectedField(text: string): string | null {
  const match = /Field "([^"]+)" is not a valid field to query/i.exec(text);
  return match ? match[1] : null;
}

/**
 * The field set to try after nvidia-smi rejected `field` (null when the message named none):
 * the named field goes when it is ours and not essential; otherwise the optional fields go.
 * Null when nothing more can be dropped.
 */
export function smallerFieldSet(fields: readonly GpuField[], field: string | null): GpuField[] | null {
  const named = fields.find((f) => f === field);
  if (named && !ESSENTIAL.includes(named)) return fields.filter((f) => f !== named);
  if (OPTIONAL.some((f) => fields.includes(f))) return fields.filter((f) => !OPTIONAL.includes(f));
  return null;
}

/** Arguments of the one long-running loop: one line per GPU every `intervalMs`. */
export function loopArgs(fields: readonly GpuField[], intervalMs: number): string[] {
  return [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits', '-lms', String(Math.max(1, Math.round(intervalMs)))];
}

export type ComputeAppsField = 'gpu_uuid' | 'pid' | 'used_gpu_memory' | 'process_name';

/** `process_name` last for the same reason as `name` above: workloads choose their names. */
export const COMPUTE_APPS_FIELDS: readonly ComputeAppsField[] = ['gpu_uuid', 'pid', 'used_gpu_memory', 'process_name'];

/** Arguments of the one-shot per-process query. */
export function computeAppsArgs(): string[] {
  return [`--query-compute-apps=${COMPUTE_APPS_FIELDS.join(',')}`, '--format=csv,noheader,nounits'];
}
