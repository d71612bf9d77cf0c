// The collector against real servers on 127.0.0.1, time moved by a TestClock: failures in a row,
// down at failuresBeforeAlert, reset at the first good answer; per-check intervals; samples; carry-over.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { httpCheckSchema, type HttpCheckSettings } from '../../../../shared/config/httpSettingsSchema';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import type { HttpSnapshot } from '../../../../shared/types/http';
import { HttpCollector, tickOf } from '../../../../electron/core/monitors/http/httpCollector';
import { probeHttp } from '../../../../electron/core/monitors/http/httpProbe';
import { httpModule } from '../../../../electron/core/monitors/http/httpModule';
import { TestClock } from '../../../support/testClock';
import { startTestServer, type TestServer } from './httpTestServer';

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function serve(handler: Parameters<typeof startTestServer>[0], port = 0): Promise<TestServer> {
  const server = await startTestServer(handler, undefined, port);
  servers.push(server);
  return server;
}

function check(fields: Record<string, unknown>): HttpCheckSettings {
  return httpCheckSchema.parse({ intervalMs: 1_000, timeoutMs: 2_000, ...fields });
}

function assessed(snapshot: HttpSnapshot, checks: HttpCheckSettings[]) {
  const settings = { ...defaultSettings(), http: { enabled: true, checks } };
  const assessment = httpModule.assess({ snapshot, error: null, enabled: true, settings, at: snapshot.at });
  return { ...assessment, conditions: httpModule.alertConditions!(assessment, settings) };
}

test('down after three failures in a row (critical, http.down for the name); one good answer resets it', async () => {
  const clock = new TestClock();
  const server = await serve((_req, res) => res.end('ok'));
  const checks = [check({ name: 'demo-health', url: `${server.url}/health` })];
  const collector = new HttpCollector({ checks, clock, previous: null });
  const first = await collector.collect();
  let view = first.snapshot.checks[0];
  assert.equal(view.last?.outcome, 'up');
  assert.equal(view.consecutiveFailures, 0);
  assert.equal(view.since, clock.now());
  assert.deepEqual(first.samples.map((s) => s.series), ['http.latencyMs:demo-health', 'http.up:demo-health']);
  assert.equal(first.samples[1].value, 1);

  await server.close();
  servers.splice(servers.indexOf(server), 1);
  const seen: { failures: number; down: boolean; severity: string; alerts: string[]; checkSeverity: string }[] = [];
  let last: HttpSnapshot = first.snapshot;
  for (let i = 0; i < 3; i++) {
    await clock.advance(1_000);
    const out = await collector.collect();
    last = out.snapshot;
    const a = assessed(out.snapshot, checks);
    const v = a.snapshot.checks[0];
    seen.push({ failures: v.consecutiveFailures, down: v.down, severity: v.severity, alerts: a.conditions.map((c) => `${c.kind}|${c.subject}|${c.group}|${c.severity}`), checkSeverity: a.checks[0].severity });
    assert.deepEqual(out.samples.map((s) => [s.series, s.value]), [['http.up:demo-health', 0]], 'no latency without an answer');
  }
  assert.deepEqual(seen, [
    { failures: 1, down: false, severity: 'warning', alerts: [], checkSeverity: 'ok' },
    { failures: 2, down: false, severity: 'warning', alerts: [], checkSeverity: 'ok' },
    { failures: 3, down: true, severity: 'critical', alerts: ['http.down|demo-health|http:demo-health|critical'], checkSeverity: 'critical' },
  ]);
  view = last.checks[0];
  assert.equal(view.last?.outcome, 'unreachable');
  assert.match(view.last?.detail ?? '', /ECONNREFUSED/);
  assert.match(assessed(last, checks).conditions[0].summary, /^demo-health is down: connection refused: nothing listens there .* \(3 failures in a row\)$/);
  const downSince = clock.now();
  assert.equal(view.since, downSince);

  await serve((_req, res) => res.end('ok'), server.port);
  await clock.advance(1_000);
  const back = await collector.collect();
  const a = assessed(back.snapshot, checks);
  assert.equal(a.snapshot.checks[0].consecutiveFailures, 0);
  assert.equal(a.snapshot.checks[0].down, false);
  assert.equal(a.snapshot.checks[0].since, clock.now());
  assert.deepEqual(a.conditions, []);
});

test('each check runs on its own interval; failuresBeforeAlert is per check', async () => {
  const clock = new TestClock();
  const server = await serve((req, res) => {
    res.statusCode = req.url === '/broken' ? 500 : 200;
    res.end(req.url === '/broken' ? 'Internal error' : 'ok');
  });
  const checks = [check({ name: 'fast', url: `${server.url}/fast`, intervalMs: 1_000 }), check({ name: 'slow broken', url: `${server.url}/broken`, intervalMs: 3_000, failuresBeforeAlert: 1 })];
  assert.equal(tickOf(checks.map((c) => c.intervalMs)), 1_000);
  const collector = new HttpCollector({ checks, clock, previous: null });
  const first = await collector.collect();
  const broken = assessed(first.snapshot, checks).snapshot.checks[1];
  assert.equal(broken.down, true, 'one failure is enough for this one');
  assert.equal(broken.last?.detail, 'answered 500, expected 200');
  assert.equal(broken.last?.bodyStart, 'Internal error');
  for (let i = 0; i < 3; i++) {
    await clock.advance(1_000);
    await collector.collect();
  }
  assert.deepEqual(server.requests, ['/fast', '/broken', '/fast', '/fast', '/fast', '/broken']);
});

test('a hanging check does not hold back a later collect: its answer asks for another one', async () => {
  const clock = new TestClock();
  let hang = false;
  const server = await serve((req, res) => {
    if (req.url === '/hang' && hang) return; // never answers
    res.end('ok');
  });
  const checks = [check({ name: 'hangs', url: `${server.url}/hang`, timeoutMs: 300, intervalMs: 5_000 }), check({ name: 'quick', url: `${server.url}/quick` })];
  let quickAnswered: () => void = () => undefined;
  const probe = async (request: Parameters<typeof probeHttp>[0], signal: AbortSignal) => {
    const result = await probeHttp(request, { signal });
    if (request.url.endsWith('/quick')) quickAnswered();
    return result;
  };
  const collector = new HttpCollector({ checks, clock, previous: null, probe });
  let requested!: () => void;
  const requestedCollect = new Promise<void>((resolve) => (requested = resolve));
  collector.start({ emitEvent: () => undefined, requestCollect: () => requested() });
  const firstAt = (await collector.collect()).snapshot.checks[1].last?.at;
  hang = true;
  await clock.advance(5_000); // both due
  const quickDone = new Promise<void>((resolve) => (quickAnswered = resolve));
  const pending = collector.collect();
  await quickDone;
  await clock.advance(1_000); // the collect waits one tick at most
  const out = await pending;
  assert.ok((out.snapshot.checks[1].last?.at ?? 0) > (firstAt ?? Infinity), 'the quick check answered in this collect');
  assert.equal(out.snapshot.checks[0].last?.outcome, 'up', 'the hanging one still shows its previous answer');
  await requestedCollect;
  const next = await collector.collect();
  assert.equal(next.snapshot.checks[0].last?.outcome, 'timeout');
  assert.equal(next.snapshot.checks[0].consecutiveFailures, 1);
  collector.stop();
});

test('a rebuilt collector (a check added) carries the failures in a row over from the last snapshot', async () => {
  const clock = new TestClock();
  const gone = await startTestServer((_req, res) => res.end());
  await gone.close();
  const down = check({ name: 'gone', url: `${gone.url}/health` });
  let collector = new HttpCollector({ checks: [down], clock, previous: null });
  await collector.collect();
  await clock.advance(1_000);
  const snapshot = (await collector.collect()).snapshot;
  assert.equal(snapshot.checks[0].consecutiveFailures, 2);
  collector.stop();
  const server = await serve((_req, res) => res.end('ok'));
  collector = new HttpCollector({ checks: [down, check({ name: 'new', url: `${server.url}/health` })], clock, previous: snapshot });
  const out = (await collector.collect()).snapshot;
  assert.deepEqual(out.checks.map((c) => [c.name, c.consecutiveFailures]), [['gone', 3], ['new', 0]]);
});
