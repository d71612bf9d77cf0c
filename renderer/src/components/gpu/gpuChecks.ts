import type { Severity } from '../../../../shared/types/severity';
import type { StatusCheck } from '../../../../shared/types/status';

/**
 * The core's status checks about the GPUs. The core judges severity in one place (memory %
 * and temperature thresholds, settable per GPU): the renderer reads it from these checks and
 * never from the figures, so a card, the Overview tile and the Checks panel always agree.
 */
export interface GpuDeviceChecks {
  /** `gpu:<index>:memory`, alert `gpu.memory`. */
  memory: StatusCheck | undefined;
  /** `gpu:<index>:temperature`, alert `gpu.temperature`; absent where the GPU reports no temperature. */
  temperature: StatusCheck | undefined;
}

/** The check raised when the GPU tool fails (alert `gpu.unavailable`). */
export const GPU_TOOL_CHECK_ID = 'gpu';

export function gpuDeviceChecks(checks: readonly StatusCheck[], index: number): GpuDeviceChecks {
  const byId = (id: string) => checks.find((check) => check.id === id);
  return { memory: byId(`gpu:${index}:memory`), temperature: byId(`gpu:${index}:temperature`) };
}

/** A figure's severity: its check's, neutral (ok) without one. */
export function severityOf(check: StatusCheck | undefined): Severity {
  return check?.severity ?? 'ok';
}

export function inTrouble(check: StatusCheck | undefined): check is StatusCheck {
  return check?.severity === 'warning' || check?.severity === 'critical';
}
