// Emergency plans, runs, snapshots and disk usage for the Emergency page's component tests.
import type { ActionOutcome, ActionPlan, DiskUsageView, PlanItem, SnapshotView } from '../../shared/types/actions';

const HASH = 'a'.repeat(64);
const MB = 1_000_000;

export function planItem(id: string, overrides: Partial<PlanItem> = {}): PlanItem {
  return { id, kind: 'container.remove', name: id.replace(/^\w+:/, ''), bytes: 100 * MB, reason: 'stopped 3 days ago', selected: true, facts: {}, ...overrides };
}

export function diskPlan(overrides: Partial<ActionPlan> = {}): ActionPlan {
  const now = Date.now();
  return {
    id: 'plan-disk-0001',
    hash: HASH,
    action: 'disk',
    title: 'Free disk space',
    params: {},
    createdAt: now - 5_000,
    expiresAt: now + 10 * 60_000,
    items: [
      planItem('container:old-web', { bytes: 200 * MB }),
      planItem('image:sha256:dangling1', { kind: 'image.remove', name: '<none> (sha256:dangling1)', bytes: 300 * MB, reason: 'dangling' }),
      planItem('log:big', { kind: 'log.truncate', name: 'chatty', bytes: 1_200 * MB, reason: 'log 1.2 GB (over 100 MB)' }),
      planItem('image:sha256:old', { kind: 'image.remove', name: 'nginx:1.24', bytes: 50 * MB, reason: 'unused for 40 days (opt-in)', selected: false }),
    ],
    kept: [
      { id: 'volume:pgdata', kind: 'volume', name: 'pgdata', reason: 'named volume, never removed' },
      { id: 'container:db', kind: 'container', name: 'db', reason: 'running' },
    ],
    predictedBytes: 1_700 * MB,
    notes: ['Docker reclaimable sizes are estimates: the result measures the free space before and after.'],
    refusals: [],
    ...overrides,
  };
}

export function outcome(plan: ActionPlan, itemIds: string[], overrides: Partial<ActionOutcome> = {}): ActionOutcome {
  return {
    planId: plan.id,
    action: plan.action,
    state: 'running',
    actor: 'dashboard',
    startedAt: Date.now(),
    finishedAt: null,
    items: itemIds.map((id) => ({ id, outcome: 'pending', detail: '', bytes: null, at: null })),
    verified: null,
    message: null,
    rollForwardSnapshotId: null,
    ...overrides,
  };
}

export function snapshotView(id: string, overrides: Partial<SnapshotView['snapshot']> = {}, view: Partial<Omit<SnapshotView, 'snapshot'>> = {}): SnapshotView {
  return {
    snapshot: {
      id,
      stack: 'demo',
      takenAt: Date.now() - 3_600_000,
      reason: 'auto',
      tags: [`opsbar-snapshot/demo:${id}`],
      containers: [{ name: 'demo-web-1', service: 'web', imageId: 'sha256:1', imageRef: 'nginx:1.25', dependsOn: [], mounts: [], configDigest: 'd1' }],
      files: [],
      volumes: ['demo_data'],
      complete: true,
      problems: [],
      ...overrides,
    },
    differences: ['web: image nginx:1.25 → nginx:1.26'],
    imagesPresent: true,
    ...view,
  };
}

export function diskUsage(): DiskUsageView {
  return {
    at: Date.now(),
    elapsedMs: 1_250,
    roots: [
      {
        kind: 'docker',
        label: 'Docker data root',
        path: '/var/lib/docker',
        exists: true,
        entries: [
          { path: '/var/lib/docker/overlay2', bytes: 40_000 * MB, files: 9000 },
          { path: '/var/lib/docker/containers', bytes: 3_000 * MB, files: 40 },
        ],
        totalBytes: 43_500 * MB,
        truncated: true,
        problem: null,
      },
      { kind: 'ollama', label: 'Ollama models', path: '/root/.ollama/models', exists: false, entries: [], totalBytes: 0, truncated: false, problem: null },
    ],
    growth: [
      { mount: '/', freeBytes: 12_000 * MB, bytesPerDay: 1_935 * MB, daysUntilFull: 6.2, basisHours: 24 },
      { mount: '/data', freeBytes: 900_000 * MB, bytesPerDay: -10 * MB, daysUntilFull: null, basisHours: 24 },
    ],
  };
}
