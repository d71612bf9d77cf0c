import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDiskUsage, formatOutcome, formatSnapshots } from '../../electron/core/cli/formatActions';
import type { ActionOutcome, DiskUsageView, SnapshotView } from '../../shared/types/actions';

test('emergency usage as text: each root with its largest directories, a cut-short walk said so, days until full', () => {
  const view: DiskUsageView = {
    at: 0,
    elapsedMs: 1234,
    roots: [
      { kind: 'docker', label: "Docker's data root", path: '/var/lib/docker', exists: true, totalBytes: 12_300_000_000, truncated: true, problem: null, entries: [{ path: '/var/lib/docker/overlay2', bytes: 9_000_000_000, files: 10 }] },
      { kind: 'ollama', label: "Ollama's models", path: '', exists: false, totalBytes: 0, truncated: false, problem: null, entries: [] },
    ],
    growth: [{ mount: '/', freeBytes: 10_000_000_000, bytesPerDay: 2_000_000_000, daysUntilFull: 5, basisHours: 48 }],
  };
  assert.equal(
    formatDiskUsage(view),
    [
      'What fills this disk (walk took 1.2 s):',
      "  Docker's data root  /var/lib/docker: 12.3 GB (walk cut short: at least this much)",
      '      9.00 GB  /var/lib/docker/overlay2',
      "  Ollama's models: not present",
      '',
      'Days until full:',
      '  /  10.0 GB free, shrinking 2.00 GB/day: full in 5.0 days (from 48 h of history)',
      '',
    ].join('\n'),
  );
});

test('snapshots as text: state, what differs from now; a run with its verification and roll-forward', () => {
  const view: SnapshotView = {
    snapshot: { id: 'sn_abcdefgh', stack: 'shop', takenAt: 0, reason: 'auto', tags: [], containers: [], files: [], volumes: [], complete: true, problems: [] },
    differences: ['web: image nginx:1.25 → nginx:1.26'],
    imagesPresent: false,
  };
  assert.match(formatSnapshots([view]), /^sn_abcdefgh {2}shop {2}\S+ \S+ {2}auto {2}0 containers {2}complete, IMAGES MISSING\n {4}web: image nginx:1\.25 → nginx:1\.26\n$/);
  const outcome: ActionOutcome = {
    planId: 'pl_x',
    action: 'rollback',
    state: 'failed',
    actor: 'cli',
    startedAt: 0,
    finishedAt: 1000,
    items: [{ id: 'step:1', outcome: 'failed', detail: 'health\u001b[2J timeout', bytes: null, at: 1 }],
    verified: { passed: false, summary: 'shop unhealthy: 1/2', figures: {}, checks: [{ label: 'web', passed: false, detail: 'unhealthy' }] },
    message: null,
    rollForwardSnapshotId: 'sn_before00',
  };
  const text = formatOutcome(outcome, null);
  assert.match(text, /\n {2}failed {3}step:1 — health \[2J timeout\n/, 'control characters from the host are blanked');
  assert.match(text, /\nVerification: NOT passed — shop unhealthy: 1\/2\n {2}FAIL web: unhealthy\n/);
  assert.match(text, /\nRoll forward: snapshot sn_before00 holds the state before/);
});
