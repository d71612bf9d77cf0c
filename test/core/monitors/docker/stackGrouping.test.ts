import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerSeverity, groupIntoStacks } from '../../../../electron/core/monitors/docker/dockerChecks';
import { composeLabels, type ContainerFacts } from '../../../../electron/core/monitors/docker/stackGrouping';

function facts(overrides: Partial<ContainerFacts>): ContainerFacts {
  return {
    id: overrides.name ?? 'id',
    name: 'c',
    service: null,
    project: null,
    image: 'img',
    state: 'running',
    health: 'none',
    restartCount: 0,
    startedAt: null,
    exitCode: null,
    cpuPercent: null,
    memoryBytes: null,
    memoryLimitBytes: null,
    ports: [],
    ...overrides,
  };
}

const sev = (o: Partial<ContainerFacts>) => containerSeverity({ ...facts(o) }, 3);

test('container severity follows state, health, exit code and restarts', () => {
  assert.equal(sev({ state: 'running', health: 'healthy' }), 'ok');
  assert.equal(sev({ state: 'running', health: 'none' }), 'ok');
  assert.equal(sev({ state: 'running', health: 'starting' }), 'warning');
  assert.equal(sev({ state: 'running', health: 'unhealthy' }), 'critical');
  assert.equal(sev({ state: 'restarting', exitCode: 3 }), 'critical');
  assert.equal(sev({ state: 'exited', exitCode: 2 }), 'critical');
  assert.equal(sev({ state: 'exited', exitCode: 137 }), 'critical');
  assert.equal(sev({ state: 'exited', exitCode: 0 }), 'ok', 'a one-shot job that finished');
  assert.equal(sev({ state: 'exited', exitCode: null }), 'unknown');
  assert.equal(sev({ state: 'dead' }), 'critical');
  assert.equal(sev({ state: 'created' }), 'warning');
  assert.equal(sev({ state: 'paused' }), 'warning');
});

test('a restart count at the threshold makes it at least a warning, never less than it was', () => {
  assert.equal(sev({ state: 'running', restartCount: 2 }), 'ok');
  assert.equal(sev({ state: 'running', restartCount: 3 }), 'warning');
  assert.equal(sev({ state: 'exited', exitCode: 0, restartCount: 10 }), 'warning');
  assert.equal(sev({ state: 'exited', exitCode: 1, restartCount: 10 }), 'critical');
});

test('containers group by compose project, the rest under "standalone", with counts', () => {
  const stacks = groupIntoStacks(
    [
      facts({ name: 'db-1', project: 'shop', service: 'db', health: 'healthy' }),
      facts({ name: 'web-1', project: 'shop', service: 'web', health: 'unhealthy' }),
      facts({ name: 'loose', state: 'exited', exitCode: 0 }),
      facts({ name: 'llm-1', project: 'ai', service: 'ollama', health: 'starting' }),
    ],
    3,
  );
  assert.deepEqual(
    stacks.map((s) => [s.name, s.kind, s.severity]),
    [
      ['shop', 'compose', 'critical'],
      ['ai', 'compose', 'warning'],
      ['standalone', 'standalone', 'ok'],
    ],
  );
  assert.deepEqual(stacks[0].counts, { total: 2, running: 2, healthy: 1, unhealthy: 1 });
  assert.deepEqual(stacks[2].counts, { total: 1, running: 0, healthy: 0, unhealthy: 0 });
  assert.deepEqual(stacks[0].containers.map((c) => c.service), ['db', 'web']);
  assert.equal('project' in stacks[0].containers[0], false, 'the project lives on the stack, not the container');
});

test('stacks of equal severity sort by name; a project called "standalone" stays apart', () => {
  const stacks = groupIntoStacks(
    [facts({ name: 'a', project: 'zeta' }), facts({ name: 'b', project: 'alpha' }), facts({ name: 'c', project: 'standalone' }), facts({ name: 'd' })],
    3,
  );
  assert.deepEqual(stacks.map((s) => `${s.name}:${s.kind}`), ['alpha:compose', 'standalone:compose', 'standalone:standalone', 'zeta:compose']);
});

test('hostile names and labels are kept verbatim', () => {
  const project = '$(touch /tmp/x)';
  const service = '<img src=x onerror=alert(1)>';
  const labels = composeLabels({ 'com.docker.compose.project': project, 'com.docker.compose.service': service });
  assert.deepEqual(labels, { project, service });
  const [stack] = groupIntoStacks([facts({ name: 'n', ...labels })], 3);
  assert.equal(stack.name, project);
  assert.equal(stack.containers[0].service, service);
  assert.deepEqual(composeLabels(null), { project: null, service: null });
  assert.deepEqual(composeLabels({ 'com.docker.compose.project': '' }), { project: null, service: null });
});
