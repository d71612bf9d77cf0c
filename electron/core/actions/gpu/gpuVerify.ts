import { setTimeout as delay } from 'node:timers/promises';
import type { ActionPlan, ActionVerification, ItemOutcome, PlanItem } from '../../../../shared/types/actions';
import { formatGpuBytes } from '../../../../shared/format/gpuMemory';
import type { GpuSnapshot } from '../../../../shared/types/gpu';
import type { ExecutionContext } from '../actionPlugin';
import { isModelLoaded, modelTargetOf } from './modelUnload';

/** Between two readings of GPU memory while waiting for it to be released (each reading starts nvidia-smi). */
const RELEASE_POLL_MS = 250;

type Check = ActionVerification['checks'][number];

/** GPU memory in use now, in all or one GPU, and per GPU (`gpuMemory:<index>`); null where not reported. */
export function gpuMemoryFigures(gpu: GpuSnapshot, gpuIndex: number | undefined, prefix: string): Record<string, number | null> {
  const devices = gpu.state === 'ok' ? gpu.devices.filter((d) => gpuIndex === undefined || d.index === gpuIndex) : [];
  const used = devices.map((d) => d.memoryUsedBytes);
  const figures: Record<string, number | null> = { [prefix]: devices.length === 0 || used.some((u) => u === null) ? null : used.reduce<number>((a, u) => a + (u ?? 0), 0) };
  for (const d of devices) figures[`${prefix}:${d.index}`] = d.memoryUsedBytes;
  return figures;
}

export const gpuIndexOf = (plan: ActionPlan): number | undefined => (typeof plan.params.gpuIndex === 'number' ? plan.params.gpuIndex : undefined);

const pidsOf = (item: PlanItem): number[] =>
  item.kind === 'process.stop' ? [Number(item.facts.pid)] : String(item.facts.pids ?? '').split(',').filter(Boolean).map(Number);

/** Whether one done item's memory holder has left: its processes gone from the GPU list, its model no longer loaded. */
async function itemCheck(item: PlanItem, gpu: GpuSnapshot, context: ExecutionContext): Promise<Check> {
  if (item.kind === 'model.unload') {
    try {
      const loaded = await isModelLoaded(modelTargetOf(item, context), context.callTimeoutMs);
      return { label: `${item.name} unloaded`, passed: !loaded, detail: loaded ? 'still listed as loaded by its server' : 'no longer listed as loaded' };
    } catch (error) {
      return { label: `${item.name} unloaded`, passed: false, detail: `its server could not be asked: ${(error as Error).message}` };
    }
  }
  const pids = pidsOf(item);
  const left = gpu.processes.filter((p) => pids.includes(p.pid)).map((p) => p.pid);
  const label = item.kind === 'process.stop' ? `PID ${pids[0]} gone from the GPU list` : `${item.name}: its GPU processes (PID ${pids.join(', ')}) ended`;
  return { label, passed: left.length === 0, detail: left.length === 0 ? 'not in the GPU list any more' : `PID ${left.join(', ')} still in the GPU list` };
}

/**
 * Measured, not assumed: GPU memory read again (fresh readings, `collect(['gpu'])`) until the
 * done items' holders have left and memory went down, or `releaseWait` passed. A process can be
 * gone while the driver still holds its memory for a while: that reads "not released".
 */
export async function verifyRelease(plan: ActionPlan, outcomes: readonly ItemOutcome[], before: Record<string, number | null>, context: ExecutionContext): Promise<ActionVerification> {
  const gpuIndex = gpuIndexOf(plan);
  const done = outcomes.filter((o) => o.outcome === 'done').flatMap((o) => plan.items.filter((i) => i.id === o.id));
  const predicted = done.reduce((a, i) => a + (i.bytes ?? 0), 0);
  const beforeBytes = before.gpuMemoryBefore ?? null;
  if (done.length === 0)
    return { passed: false, summary: 'nothing was done, so no GPU memory was released', figures: { ...before, gpuMemoryAfter: beforeBytes, releasedBytes: 0, predictedBytes: 0 }, checks: [] };
  const started = performance.now();
  const waitMs = context.settings().emergency.gpu.releaseWait;
  const measure = async () => {
    const gpu = (await context.collect(['gpu'])).gpu;
    const after = gpuMemoryFigures(gpu, gpuIndex, 'gpuMemoryAfter');
    const checks = await Promise.all(done.map((item) => itemCheck(item, gpu, context)));
    const released = beforeBytes !== null && after.gpuMemoryAfter !== null ? beforeBytes - after.gpuMemoryAfter : null;
    return { after, checks, error: gpu.state === 'ok' ? null : (gpu.error ?? `the GPU reading is ${gpu.state}`), settled: released !== null && released > 0 && checks.every((c) => c.passed) };
  };
  let reading = await measure();
  while (!reading.settled && !context.signal.aborted && performance.now() - started < waitMs) {
    await delay(RELEASE_POLL_MS, undefined, { signal: context.signal }).catch(() => undefined);
    reading = await measure();
  }
  const { after, checks, error } = reading;
  const afterBytes = after.gpuMemoryAfter ?? null;
  const released = beforeBytes !== null && afterBytes !== null ? beforeBytes - afterBytes : null;
  const figures = { ...before, ...after, releasedBytes: released, predictedBytes: predicted, waitedMs: Math.round(performance.now() - started) };
  const held = checks.filter((c) => !c.passed).map((c) => c.label);
  let summary: string;
  if (released === null) summary = `GPU memory could not be measured again${error ? `: ${error}` : ''}`;
  else if (released > 0) summary = `released ${formatGpuBytes(released)}${predicted > 0 ? ` (the plan predicted ${formatGpuBytes(predicted)})` : ''}${held.length ? `; not yet: ${held.join('; ')}` : ''}`;
  else summary = 'not released (VRAM is sometimes held after a kill: check nvidia-smi)';
  return { passed: released !== null && released > 0 && held.length === 0, summary, figures, checks };
}
