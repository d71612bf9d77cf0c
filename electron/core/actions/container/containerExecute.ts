import type { PlanItem } from '../../../../shared/types/actions';
import type { ExecutionContext, ItemResult } from '../actionPlugin';
import { dockerCallsFor, dockerMessage } from '../rollback/dockerCalls';
import { DEFAULT_STOP_SECONDS } from './containerPlan';
import { describeState, isUp, readContainer } from './containerReading';
import { cannotComeUp, waitForContainer } from './containerWait';

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number } | null)?.statusCode;
const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/**
 * One item: re-checks that the container is still the one the plan saw (same id, same image; a
 * container recreated under the same name is skipped), then asks the Engine to restart, stop or
 * start exactly that id, with a deadline that allows for its stop grace. A stack's start items
 * then wait until it runs (and is healthy) so its dependents start after it.
 */
export async function executeContainerItem(item: PlanItem, context: ExecutionContext): Promise<ItemResult> {
  const { containerId, imageId } = item.facts;
  if (typeof containerId !== 'string' || !/^[0-9a-f]{12,64}$/.test(containerId)) throw new Error(`Plan item ${item.id} does not name a container id: plan again.`);
  const docker = context.dockerAdmin();
  const call = dockerCallsFor(context.signal, context.callTimeoutMs);
  const now = await readContainer(containerId, docker, call);
  if (!now) {
    const byName = await readContainer(item.name, docker, call);
    if (byName) return { outcome: 'skipped', detail: `changed since the plan: ${item.name} is now container ${short(byName.id)} (the plan saw ${short(containerId)}); nothing was done` };
    return { outcome: 'skipped', detail: `changed since the plan: container ${item.name} is gone; nothing was done` };
  }
  if (now.imageId !== imageId) return { outcome: 'skipped', detail: `changed since the plan: ${item.name} now runs image ${short(now.imageId)} (the plan saw ${short(String(imageId))}); nothing was done` };

  const t = typeof item.facts.stopSeconds === 'number' ? item.facts.stopSeconds : DEFAULT_STOP_SECONDS;
  const deadlineMs = t * 1000 + context.callTimeoutMs;
  const container = docker.getContainer(containerId);
  const verb = item.kind.replace(/^container\./, '');
  try {
    const act = dockerCallsFor(context.signal, deadlineMs);
    if (verb === 'stop') await act(`stopping ${item.name}`, (abortSignal) => container.stop({ t, abortSignal } as object));
    else if (verb === 'restart') await act(`restarting ${item.name}`, (abortSignal) => container.restart({ t, abortSignal } as object));
    else if (verb === 'start') await act(`starting ${item.name}`, (abortSignal) => container.start({ abortSignal } as object));
    else throw new Error(`Unknown container item kind ${item.kind}: plan again.`);
  } catch (error) {
    // 304: already in that state (stopped by hand meanwhile, or already started).
    if (statusOf(error) === 304) return { outcome: 'done', detail: verb === 'stop' ? 'was already stopped' : 'was already running' };
    if (statusOf(error) === 404) return { outcome: 'skipped', detail: `changed since the plan: container ${item.name} is gone; nothing was done` };
    return { outcome: 'failed', detail: `Docker refused to ${verb} ${item.name}: ${dockerMessage(error)}` };
  }
  const done = verb === 'stop' ? `stopped (grace ${t} s)` : verb === 'restart' ? `restarted (grace ${t} s)` : 'started';
  if (item.facts.waitForUp !== true) return { outcome: 'done', detail: done };

  // A stack's start: the next container (its dependents) starts only once this one is up.
  const timeoutMs = context.settings().emergency.rollback.healthTimeout;
  const waited = await waitForContainer(containerId, isUp, cannotComeUp, { clock: context.clock, signal: context.signal, docker, call, timeoutMs });
  if (waited.verdict === 'reached') return { outcome: 'done', detail: `${done}; ${describeState(waited.reading!)}` };
  const seen = waited.reading ? describeState(waited.reading) : 'gone';
  const why = waited.verdict === 'timeout' ? `not up within ${Math.round(timeoutMs / 1000)} s (${seen})` : `did not come up (${seen})`;
  return { outcome: 'failed', detail: `${done}, but ${why}: the containers after it were not started` };
}
