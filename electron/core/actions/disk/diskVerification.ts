import { lstat } from 'node:fs/promises';
import { formatBytes } from '../../../../shared/format/bytes';
import type { ActionPlan, ActionVerification, ItemOutcome, PlanItem } from '../../../../shared/types/actions';
import type { ExecutionContext } from '../actionPlugin';
import { readLogFileFacts } from './containerLogs';
import { call } from './diskItems';
import { dockerObjectGone } from './dockerItemActions';
import { engineDiskUsage } from './engineCalls';
import { freedSummary, fromFigures, measureFreeBytes } from './freeBytes';

/** A truncated log that is back above this (a busy container writes on) still counts as truncated when under a tenth of before. */
const SMALL_LOG_BYTES = 1_000_000;

type Check = ActionVerification['checks'][number];

async function checkGone(item: PlanItem, context: ExecutionContext): Promise<Check> {
  const label = `${item.name} gone`;
  try {
    switch (item.kind) {
      case 'container.remove':
      case 'image.remove': {
        const gone = await dockerObjectGone(item, context);
        return { label, passed: gone, detail: gone ? 'the engine answers 404' : 'still there' };
      }
      case 'log.truncate': {
        const facts = await readLogFileFacts(String(item.facts.logPath));
        const size = facts?.size ?? 0;
        const passed = size <= SMALL_LOG_BYTES || size < (item.bytes ?? 0) / 10;
        return { label: `${item.name} truncated`, passed, detail: `${formatBytes(size)} now (was ${formatBytes(item.bytes ?? 0)})` };
      }
      case 'buildcache.remove': {
        const df = await call(context, 'Docker /system/df', (signal) => engineDiskUsage(context.dockerAdmin(), signal));
        const gone = !(df.BuildCache ?? []).some((r) => r.ID === item.facts.id);
        return { label, passed: gone, detail: gone ? 'not in /system/df any more' : 'still in /system/df' };
      }
      case 'cache.remove': {
        const left = await lstat(String(item.facts.path)).then(() => true, () => false);
        return { label, passed: !left, detail: left ? `${String(item.facts.path)} is still there` : `${String(item.facts.path)} is gone` };
      }
      default:
        return { label: `${item.name} done`, passed: true, detail: 'nothing to re-measure' };
    }
  } catch (error) {
    return { label, passed: false, detail: `could not be checked: ${(error as Error).message}` };
  }
}

/** Free bytes after against before, per file system, and every done item re-inspected. */
export async function verifyDisk(plan: ActionPlan, outcomes: readonly ItemOutcome[], before: Record<string, number | null>, context: ExecutionContext): Promise<ActionVerification> {
  const measuredBefore = fromFigures(before);
  const after = await measureFreeBytes(
    measuredBefore.map((m) => m.path),
    context.signal,
  );
  const perMount = measuredBefore.flatMap((b) => {
    const a = after.find((m) => m.path === b.path);
    return a ? [{ path: b.path, before: b.freeBytes, after: a.freeBytes, freed: a.freeBytes - b.freeBytes }] : [];
  });
  const byId = new Map(plan.items.map((item) => [item.id, item]));
  const done = outcomes.filter((o) => o.outcome === 'done').map((o) => byId.get(o.id)).filter((i): i is PlanItem => i !== undefined);
  const predicted = outcomes.reduce((sum, o) => sum + (byId.get(o.id)?.bytes ?? 0), 0);
  const checks: Check[] = [];
  for (const item of done) checks.push(await checkGone(item, context));
  const sum = (pick: (m: (typeof perMount)[number]) => number) => (perMount.length === 0 ? null : perMount.reduce((s, m) => s + pick(m), 0));
  const figures: Record<string, number | null> = {
    freeBytesBefore: sum((m) => m.before),
    freeBytesAfter: sum((m) => m.after),
    freedBytes: sum((m) => m.freed),
    predictedBytes: predicted,
    itemBytes: outcomes.reduce((s, o) => s + (o.outcome === 'done' ? (o.bytes ?? 0) : 0), 0),
  };
  for (const m of perMount) figures[`freedBytes:${m.path}`] = m.freed;
  const skippedOrFailed = outcomes.filter((o) => o.outcome !== 'done').length;
  const tail = skippedOrFailed > 0 ? ` ${skippedOrFailed} item(s) not done.` : '';
  return {
    passed: checks.every((c) => c.passed) && perMount.length > 0,
    summary: `${freedSummary(perMount, predicted)}.${tail}`,
    figures,
    checks: [{ label: 'free space measured', passed: perMount.length > 0, detail: perMount.map((m) => `${m.path}: ${formatBytes(m.before)} → ${formatBytes(m.after)} free`).join('; ') || 'no file system could be measured' }, ...checks],
  };
}
