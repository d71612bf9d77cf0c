import type { PlanItem } from '../../../../shared/types/actions';
import type { ExecutionContext, ItemResult } from '../actionPlugin';
import { withDeadline } from '../docker/dockerAdmin';

interface InspectState {
  Id?: string;
  Name?: string;
  State?: { Running?: boolean; Paused?: boolean; StartedAt?: string };
}

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;

/**
 * Restarts or stops the one container a plan item names (through the Engine API, never a CLI),
 * after checking it is still that container and still running. Docker's own stop timeout is
 * `termGrace` (SIGTERM, then SIGKILL), so the call's deadline allows for it.
 */
export async function relieveContainer(item: PlanItem, context: ExecutionContext): Promise<ItemResult> {
  const { containerId } = item.facts;
  if (typeof containerId !== 'string' || !/^[0-9a-f]{12,64}$/.test(containerId)) throw new Error(`Plan item ${item.id} does not name a container id: plan again.`);
  const docker = context.dockerAdmin();
  const container = docker.getContainer(containerId);
  let now: InspectState;
  try {
    now = (await withDeadline(`Docker (inspect ${item.name})`, context.callTimeoutMs, context.signal, (abortSignal) => container.inspect({ abortSignal }))) as InspectState;
  } catch (error) {
    if (statusOf(error) === 404) return { outcome: 'skipped', detail: `container ${item.name} is gone (removed since the plan)` };
    throw error;
  }
  if (now.Id !== containerId) return { outcome: 'skipped', detail: `${item.name} is now another container (${String(now.Id).slice(0, 12)}): left alone` };
  if (!now.State?.Running) return { outcome: 'skipped', detail: `container ${item.name} is no longer running: nothing to release` };
  const graceMs = context.settings().emergency.gpu.termGrace;
  const t = Math.max(0, Math.ceil(graceMs / 1000));
  const deadlineMs = graceMs + context.callTimeoutMs;
  const stop = item.kind === 'container.stop';
  try {
    if (stop) await withDeadline(`Docker (stop ${item.name})`, deadlineMs, context.signal, (abortSignal) => container.stop({ t, abortSignal }));
    else await withDeadline(`Docker (restart ${item.name})`, deadlineMs, context.signal, (abortSignal) => container.restart({ t, abortSignal }));
  } catch (error) {
    if (statusOf(error) === 404) return { outcome: 'skipped', detail: `container ${item.name} is gone (removed since the plan)` };
    if (statusOf(error) === 304) return { outcome: 'skipped', detail: `container ${item.name} was already stopped` };
    throw error;
  }
  return stop
    ? { outcome: 'done', detail: `stopped (Docker gave it ${t} s after SIGTERM); start it again when the GPU is free`, bytes: item.bytes }
    : { outcome: 'done', detail: `restarted (Docker gave it ${t} s after SIGTERM)`, bytes: item.bytes };
}
