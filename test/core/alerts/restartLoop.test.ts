// A container in a restart loop, from real-shaped Docker events (die → start, 6 times in 20 s):
// one alert `container.restart_loop` with count 6, not 12 start/exit alerts; an OOM kill is an emergency.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OpsEvent } from '../../../shared/types/events';
import { DockerEventMapper } from '../../../electron/core/monitors/docker/eventMapping';
import { tempDir } from '../../support/tempDir';
import { condition, openAlertHarness } from './alertSupport';

function dockerMessage(action: string, at: number, attrs: Record<string, string> = {}): Record<string, unknown> {
  return {
    Type: 'container',
    Action: action,
    Actor: { ID: 'f00dfeed1234', Attributes: { name: 'demo-loop', image: 'opsbar-test/busybox:latest', 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'loop', ...attrs } },
    time: Math.floor(at / 1000),
    timeNano: at * 1e6,
  };
}

test('6 restarts in 20 s are one restart-loop alert with count 6 (stored at once for the CLI)', () => {
  const dir = tempDir();
  const harness = openAlertHarness(dir, {});
  const mapper = new DockerEventMapper();
  const changes: string[] = [];
  let id = 1;
  const feed = (action: string, attrs?: Record<string, string>) => {
    const mapped = mapper.map(dockerMessage(action, harness.clock.now(), attrs), harness.clock.now());
    if (mapped?.opsEvent) harness.system.observeEvent({ ...mapped.opsEvent, id: id++ } as OpsEvent);
  };
  harness.sample();
  for (let i = 0; i < 6; i++) {
    feed('die', { exitCode: '1' });
    harness.clock.jump(1_500);
    feed('start');
    harness.clock.jump(1_833);
    changes.push(...harness.sample().map((t) => `${t.change} ${t.alert.kind} ${t.alert.count}`));
  }
  assert.deepEqual(changes, ['fired container.restart_loop 3']);
  const [alert] = harness.system.snapshot().alerts;
  assert.equal(alert.kind, 'container.restart_loop');
  assert.equal(alert.subject, 'demo-loop');
  assert.equal(alert.group, 'stack:demo');
  assert.equal(alert.severity, 'critical');
  assert.equal(alert.count, 6);
  assert.equal(alert.summary, 'demo-loop restarted 6 times in 10 min');
  const cli = openAlertHarness(dir, { clock: harness.clock, role: 'cli' });
  assert.equal(cli.system.snapshot().alerts[0]?.count, 6);
  cli.close();
  harness.close();
});

test('`docker restart` (die, start, restart) counts once; the loop clears once restarts leave the window', () => {
  const harness = openAlertHarness(tempDir(), { settings: (s) => ({ ...s, alerts: { ...s.alerts, rules: { 'container.restart_loop': { clearFor: 0 } } } }) });
  const mapper = new DockerEventMapper();
  const feed = (action: string, attrs?: Record<string, string>) => {
    const mapped = mapper.map(dockerMessage(action, harness.clock.now(), attrs), harness.clock.now());
    if (mapped?.opsEvent) harness.system.observeEvent({ ...mapped.opsEvent, id: 1 } as OpsEvent);
  };
  for (let i = 0; i < 2; i++) {
    feed('kill', { signal: '15' });
    feed('die', { exitCode: '143' });
    feed('start');
    feed('restart');
    harness.clock.jump(10_000);
  }
  assert.deepEqual(harness.sample(), [], 'two restarts are no loop');
  feed('restart');
  assert.deepEqual(harness.sample().map((t) => [t.change, t.alert.count]), [['fired', 3]]);
  harness.clock.jump(10 * 60_000);
  assert.deepEqual(harness.sample().map((t) => t.change), ['resolved']);
  harness.close();
});

test('an OOM kill is an emergency while it is within the window', () => {
  const harness = openAlertHarness(tempDir(), { settings: (s) => ({ ...s, alerts: { ...s.alerts, rules: { 'container.oom': { clearFor: 0 } } } }) });
  const mapped = new DockerEventMapper().map(dockerMessage('oom', harness.clock.now()), harness.clock.now());
  harness.system.observeEvent({ ...mapped!.opsEvent!, id: 1 });
  const fired = harness.sample();
  assert.deepEqual(fired.map((t) => [t.change, t.alert.kind, t.alert.severity]), [['fired', 'container.oom', 'emergency']]);
  harness.clock.jump(10 * 60_000 + 1);
  assert.deepEqual(harness.sample().map((t) => t.change), ['resolved']);
  harness.close();
});

test('while its restart loop holds, a container restarting between crashes is no second alert', () => {
  const harness = openAlertHarness(tempDir());
  const mapper = new DockerEventMapper();
  const feed = (action: string, attrs?: Record<string, string>) => {
    const mapped = mapper.map(dockerMessage(action, harness.clock.now(), attrs), harness.clock.now());
    if (mapped?.opsEvent) harness.system.observeEvent({ ...mapped.opsEvent, id: 1 } as OpsEvent);
  };
  const restarting = condition('container.restarting', 'demo-loop', 'critical', { module: 'docker', group: 'stack:demo' });
  harness.conditions = [restarting];
  const changes: string[] = [];
  for (let i = 0; i < 4; i++) {
    feed('die', { exitCode: '3' });
    feed('start');
    harness.clock.jump(5_000);
    changes.push(...harness.sample().map((t) => `${t.change} ${t.alert.kind}`));
  }
  harness.clock.jump(60_000);
  changes.push(...harness.sample().map((t) => `${t.change} ${t.alert.kind}`));
  assert.deepEqual(changes, ['pending container.restarting', 'fired container.restart_loop', 'cancelled container.restarting']);
  assert.deepEqual(harness.system.snapshot().alerts.map((a) => a.key), ['container.restart_loop|demo-loop']);
  harness.close();
});
