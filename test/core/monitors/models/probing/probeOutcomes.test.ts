// What a probe leaves behind: a measurement stored and shown (recentDecode newest first), a failure
// stored nowhere but shown as lastFailure, a write that fails kept in memory, and a hung server's
// probe aborted by stop() instead of holding shutdown to its deadline.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { probeForKind } from '../../../../../electron/core/monitors/models/probing/probeForKind';
import type { ModelProbeRecord } from '../../../../../shared/types/models';
import { eventually, HANG_GUARD_MS } from '../../../../support/eventually';
import { tempDir } from '../../../../support/tempDir';
import { fakeServer, harness, observed, storedProbe } from './probingHarness';

const MODEL = 'qwen3:8b';

test('a measured probe is stored and shown; recentDecode is the newest two decode rates, newest first', async () => {
  const server = await fakeServer({ tokensPerSecond: 400 });
  const file = join(tempDir(), 'opsbar.db');
  const h = harness({ role: 'cli', file });
  h.store.probes.add(storedProbe(server.url, MODEL, h.clock.now() - 60_000, 11));
  h.store.probes.add(storedProbe(server.url, MODEL, h.clock.now() - 30_000, 22));
  h.probes.observe([observed(server)]);
  assert.deepEqual(h.probes.modelView(server.url, MODEL).recentDecode, [22, 11]);

  const [record] = (await h.probes.probeNow({}).done) as ModelProbeRecord[];
  assert.equal(record.source, 'client');
  assert.ok(record.decodeTokensPerSecond! > 100, String(record.decodeTokensPerSecond));
  const view = h.probes.modelView(server.url, MODEL);
  assert.deepEqual(view.last, record);
  assert.deepEqual(view.recentDecode, [record.decodeTokensPerSecond, 22]);
  assert.deepEqual(h.store.probes.latest(server.url, MODEL), record, 'stored as shown');
  assert.deepEqual(h.phases('started').map((p) => p.phase === 'started' && p.trigger), ['operator']);
  assert.deepEqual(h.phases('finished').map((p) => p.phase === 'finished' && p.record), [record]);
});

test('a failed probe stores nothing and shows lastFailure until the next success on that endpoint', async () => {
  const broken = await fakeServer({ hostile: 'html' });
  const good = await fakeServer();
  let healed = false;
  const h = harness({ role: 'cli', runProbe: (kind, request) => probeForKind(kind, { ...request, baseUrl: healed ? good.url : broken.url }) });
  h.probes.observe([observed(broken)]);
  const [failure] = await h.probes.probeNow({}).done;
  assert.ok('reason' in failure);
  assert.match(failure.reason, /web page|HTML|html/);
  assert.deepEqual(h.probes.scheduleView(broken.url, 30), { intervalMinutes: 30, inFlight: null, lastFailure: failure });
  assert.deepEqual(h.probes.modelView(broken.url, MODEL), { last: null, recentDecode: [] });
  assert.equal(h.store.probes.latest(broken.url, MODEL), null);
  assert.deepEqual(h.phases('failed').map((p) => p.phase === 'failed' && p.failure), [failure]);

  healed = true;
  const [record] = await h.probes.probeNow({}).done;
  assert.ok('ttftMs' in record);
  assert.equal(h.probes.scheduleView(broken.url, 30).lastFailure, null);
});

test('a write that fails (disk full) keeps the measurement for the snapshot and is logged once', async () => {
  const server = await fakeServer();
  const h = harness({
    role: 'cli',
    history: (store) => ({
      reader: () => store.probes,
      add: () => {
        throw new Error('database or disk is full');
      },
    }),
  });
  h.probes.observe([observed(server)]);
  const [first] = await h.probes.probeNow({}).done;
  const [second] = await h.probes.probeNow({}).done;
  assert.ok('ttftMs' in first && 'ttftMs' in second);
  assert.deepEqual(h.probes.modelView(server.url, MODEL).last, second);
  assert.deepEqual(h.probes.modelView(server.url, MODEL).recentDecode, [second.decodeTokensPerSecond, first.decodeTokensPerSecond]);
  assert.equal(h.warnings.length, 1, h.warnings.join('\n'));
  assert.match(h.warnings[0], /measured but not saved to the history \(database or disk is full\)/);
});

test('stop() aborts a probe of a server that never answers (the deadline is 10 minutes away)', async () => {
  const server = await fakeServer({ hostile: 'hang' });
  const h = harness({ role: 'cli', timeoutMs: 600_000 });
  h.probes.observe([observed(server)]);
  const { done } = h.probes.probeNow({});
  await eventually('the probe to reach the server', () => server.requests.length === 1);
  assert.equal(h.probes.scheduleView(server.url, 30).inFlight?.model, MODEL);
  // A hang guard, not a budget: without the abort, stop() would wait for the probe's deadline.
  let guard: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (guard = setTimeout(() => resolve('hung'), HANG_GUARD_MS)));
  const stopped = await Promise.race([h.probes.stop().then(() => 'stopped' as const), hung]);
  clearTimeout(guard);
  assert.equal(stopped, 'stopped');
  const [outcome] = await done;
  assert.ok('reason' in outcome && /cancelled/.test(outcome.reason), JSON.stringify(outcome));
  assert.equal(h.store.probes.latest(server.url, MODEL), null);
  assert.equal(h.clock.pendingTimers, 0);
  assert.match(h.probes.probeNow({}).skipped[0].reason, /stopping/);
});
