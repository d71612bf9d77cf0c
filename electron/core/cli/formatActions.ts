import { formatBytes } from '../../../shared/format/bytes';
import type { ActionOutcome, ActionPlan, ActionRecord, DiskUsageView, ItemOutcome, PlanItem, SnapshotView } from '../../../shared/types/actions';

const pad = (n: number) => String(n).padStart(2, '0');
export function localTime(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
/** Names come from the host (container names, command lines): control characters would move the terminal's cursor. */
// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
const size = (bytes: number | null) => (bytes === null ? 'size unknown' : formatBytes(bytes));

function itemLine(item: PlanItem): string {
  return `  [${item.selected ? 'x' : ' '}] ${item.kind}  ${clean(item.name)}  ${size(item.bytes)}  ${clean(item.reason)}  (id ${item.id})`;
}

/** The plan as the operator reads it before confirming: every item, what is kept and why, how to execute. */
export function formatPlan(plan: ActionPlan): string {
  const selected = plan.items.filter((i) => i.selected).length;
  const lines = [
    `${clean(plan.title)}: plan ${plan.id} (${plan.action}), made ${localTime(plan.createdAt)}, expires ${localTime(plan.expiresAt)}`,
    '',
    plan.items.length ? `Items (${selected} of ${plan.items.length} selected, predicted ${formatBytes(plan.predictedBytes)}):` : 'Items: none (nothing to do).',
    ...plan.items.map(itemLine),
  ];
  if (plan.kept.length) lines.push('', 'Kept:', ...plan.kept.map((k) => `  ${k.kind} ${clean(k.name)} — ${clean(k.reason)}`));
  if (plan.notes.length) lines.push('', 'Notes:', ...plan.notes.map((n) => `  ${clean(n)}`));
  if (plan.refusals.length) {
    lines.push('', 'This plan cannot run:', ...plan.refusals.map((r) => `  ${clean(r)}`));
  } else if (selected > 0) {
    lines.push('', `Execute with: opsbar emergency execute ${plan.id}`);
    lines.push(`  (only some items: add --item ID for each)`);
  }
  return lines.join('\n') + '\n';
}

/** One item's outcome as it happens: `done     container.remove web-old — removed (120 MB)`. */
export function formatItemOutcome(item: ItemOutcome, planItem: PlanItem | undefined): string {
  const what = planItem ? `${planItem.kind} ${clean(planItem.name)}` : item.id;
  const bytes = item.bytes !== null && item.outcome === 'done' ? ` (${formatBytes(item.bytes)})` : '';
  return `  ${item.outcome.padEnd(9)}${what} — ${clean(item.detail)}${bytes}`;
}

/** The run: each item's outcome, the measured verification, how it ended. */
export function formatOutcome(outcome: ActionOutcome, plan: ActionPlan | null, options: { items?: boolean } = {}): string {
  const byId = new Map((plan?.items ?? []).map((i) => [i.id, i]));
  const ended = outcome.finishedAt === null ? 'still running' : `finished ${localTime(outcome.finishedAt)}`;
  const lines = [`Run of plan ${outcome.planId} (${outcome.action}): ${outcome.state.toUpperCase()}, started ${localTime(outcome.startedAt)} by ${outcome.actor}, ${ended}`];
  if (options.items !== false) lines.push(...outcome.items.map((item) => formatItemOutcome(item, byId.get(item.id))));
  const v = outcome.verified;
  if (v) {
    lines.push(`Verification: ${v.passed ? 'passed' : 'NOT passed'} — ${clean(v.summary)}`);
    for (const check of v.checks) lines.push(`  ${check.passed ? 'ok  ' : 'FAIL'} ${clean(check.label)}: ${clean(check.detail)}`);
  } else if (outcome.state !== 'running') {
    lines.push('Verification: none (the run did not get that far).');
  }
  if (outcome.message) lines.push(clean(outcome.message));
  if (outcome.rollForwardSnapshotId) {
    const stack = typeof plan?.params.stack === 'string' ? plan.params.stack : 'STACK';
    lines.push(`Roll forward: snapshot ${outcome.rollForwardSnapshotId} holds the state before; plan it with opsbar emergency rollback --plan --stack ${stack} --snapshot ${outcome.rollForwardSnapshotId}`);
  }
  return lines.join('\n') + '\n';
}

export function formatRecord(record: ActionRecord): string {
  return formatPlan(record.plan) + '\n' + (record.outcome ? formatOutcome(record.outcome, record.plan) : 'Not executed.\n');
}

export function formatRecords(records: ActionRecord[]): string {
  if (records.length === 0) return 'No emergency plans yet (opsbar emergency disk|gpu|rollback --plan makes one).\n';
  const rows = records.map((r) => [
    r.plan.id,
    r.plan.action,
    localTime(r.plan.createdAt),
    r.outcome?.state ?? (r.plan.refusals.length ? 'cannot run' : 'planned'),
    String(r.outcome?.items.length ?? r.plan.items.filter((i) => i.selected).length),
    formatBytes(r.plan.predictedBytes),
    clean(r.plan.title),
  ]);
  return table(['PLAN', 'ACTION', 'CREATED', 'STATE', 'ITEMS', 'PREDICTED', 'TITLE'], rows);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

export function formatDiskUsage(view: DiskUsageView): string {
  const lines = [`What fills this disk (walk took ${(view.elapsedMs / 1000).toFixed(1)} s):`];
  if (view.roots.length === 0) lines.push('  nothing to walk');
  for (const root of view.roots) {
    const head = `  ${clean(root.label)}${root.path ? `  ${clean(root.path)}` : ''}`;
    if (!root.exists || root.problem) {
      lines.push(`${head}: ${root.problem ? clean(root.problem) : 'not present'}`);
      continue;
    }
    lines.push(`${head}: ${formatBytes(root.totalBytes)}${root.truncated ? ' (walk cut short: at least this much)' : ''}`);
    for (const entry of root.entries) lines.push(`    ${formatBytes(entry.bytes).padStart(9)}  ${clean(entry.path)}`);
  }
  if (view.growth.length) {
    lines.push('', 'Days until full:');
    for (const g of view.growth) {
      const free = g.freeBytes === null ? 'free unknown' : `${formatBytes(g.freeBytes)} free`;
      const rate = g.bytesPerDay === null ? 'no trend yet' : g.bytesPerDay > 0 ? `shrinking ${formatBytes(g.bytesPerDay)}/day` : 'not shrinking';
      const days = g.daysUntilFull === null ? '' : `: full in ${g.daysUntilFull.toFixed(g.daysUntilFull < 10 ? 1 : 0)} days`;
      lines.push(`  ${clean(g.mount)}  ${free}, ${rate}${days} (from ${g.basisHours} h of history)`);
    }
  }
  return lines.join('\n') + '\n';
}

export function formatSnapshots(views: SnapshotView[]): string {
  if (views.length === 0) return 'No snapshots (opsbar snapshot take STACK takes one; the app takes them when a stack has been healthy a while).\n';
  const lines: string[] = [];
  for (const { snapshot, differences, imagesPresent } of views) {
    const state = [snapshot.complete ? 'complete' : 'INCOMPLETE', imagesPresent ? 'images present' : 'IMAGES MISSING'].join(', ');
    lines.push(`${snapshot.id}  ${snapshot.stack}  ${localTime(snapshot.takenAt)}  ${snapshot.reason}  ${snapshot.containers.length} containers  ${state}`);
    for (const difference of differences) lines.push(`    ${clean(difference)}`);
    for (const problem of snapshot.problems) lines.push(`    problem: ${clean(problem)}`);
  }
  return lines.join('\n') + '\n';
}
