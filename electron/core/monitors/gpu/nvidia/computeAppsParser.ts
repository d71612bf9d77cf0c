import type { RawGpuProcess } from '../gpuSource';
import { headerName, parseMemoryBytes, parseText, parseWholeNumber, splitColumns } from './csvLine';
import { classifyMessage, unreadableOutput, type NvidiaSmiMessage } from './nvidiaSmiMessages';
import { COMPUTE_APPS_FIELDS } from './queryFields';

export type ComputeAppsResult =
  | { ok: true; processes: RawGpuProcess[] }
  /** A sentence the tool printed instead of figures (driver failure, rejected field). */
  | { ok: false; message: NvidiaSmiMessage | null; reason: string };

/**
 * Reads `--query-compute-apps=gpu_uuid,pid,used_gpu_memory,process_name --format=csv,noheader,nounits`.
 * Empty output and "No running processes found" both mean no processes. The name is the last
 * cell and keeps every comma in it. A row whose pid cannot be read is skipped on its own (as
 * nvidia_gpu_exporter does); output with no readable row at all is a failure. `gpuIndex` is left
 * null: the caller maps `gpuUuid` to an index through the latest GPU lines.
 */
export function parseComputeApps(text: string, fields: readonly string[] = COMPUTE_APPS_FIELDS): ComputeAppsResult {
  const processes: RawGpuProcess[] = [];
  let unreadable: string | null = null;
  const nameAt = Math.max(fields.indexOf('process_name'), fields.indexOf('name'));
  const at = (field: string) => fields.indexOf(field);
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) continue;
    const message = classifyMessage(line);
    if (message?.kind === 'no-processes') continue;
    if (message) return { ok: false, message, reason: message.kind === 'driver-failure' ? message.reason : line };
    const cells = splitColumns(line, fields.length, nameAt >= 0 ? nameAt : fields.length - 1);
    if (cells && headerName(cells[0]) === fields[0]) continue;
    const pid = cells && at('pid') >= 0 ? parseWholeNumber(cells[at('pid')]) : null;
    if (!cells || pid === null || pid === 0) {
      unreadable ??= line;
      continue;
    }
    const uuid = at('gpu_uuid') >= 0 ? parseText(cells[at('gpu_uuid')]) : null;
    const memoryAt = Math.max(at('used_gpu_memory'), at('used_memory'));
    processes.push({
      pid,
      name: nameAt >= 0 ? cells[nameAt] : '',
      gpuIndex: null,
      gpuUuid: uuid,
      // Windows (WDDM) and vGPU report [N/A]: the driver does not know, so null, not 0.
      memoryBytes: memoryAt >= 0 ? parseMemoryBytes(cells[memoryAt]) : null,
    });
  }
  if (processes.length === 0 && unreadable !== null) return { ok: false, message: null, reason: unreadableOutput(unreadable) };
  return { ok: true, processes };
}
