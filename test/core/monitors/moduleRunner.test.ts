import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings, type Settings } from '../../../shared/config/settingsSchema';
import { silentLogger } from '../../../electron/core/logger';
import type { CollectorResult } from '../../../electron/core/monitors/collectorScheduler';
import { createDockerClientProvider } from '../../../electron/core/monitors/docker/dockerClientProvider';
import type { AnyMonitorModule, MonitorModule } from '../../../electron/core/monitors/monitorModule';
import { noProbes } from '../../../electron/core/monitors/models/modelProbeService';
import { ModuleRunner } from '../../../electron/core/monitors/moduleRunner';
import { createCommandRunner } from '../../../electron/core/process/commandRunner';
import { TestClock, flushPromises } from '../../support/testClock';

/** A module whose collector counts how often it was built and stopped. */
function countingModule(id: 'system' | 'docker', collection: (s: Settings) => unknown) {
  const counts = { created: 0, stopped: 0 };
  const module = {
    id,
    label: id,
    enabled: () => true,
    collectionSettings: collection,
    async createCollector() {
      counts.created++;
      return { id, intervalMs: 1_000, collect: async () => ({ snapshot: null, samples: [] }), stop: () => void counts.stopped++ };
    },
    assess: () => ({ snapshot: null, checks: [] }),
    series: [],
  } as unknown as MonitorModule;
  return { module: module as AnyMonitorModule, counts };
}

test('a settings change restarts only the module whose collection settings changed', async () => {
  const clock = new TestClock(0);
  const system = countingModule('system', (s) => s.monitoring.systemIntervalMs);
  const docker = countingModule('docker', (s) => s.docker);
  const results: CollectorResult[] = [];
  const resets: string[] = [];
  const settings = defaultSettings();
  const runner = new ModuleRunner(
    [system.module, docker.module],
    { clock, log: silentLogger, commands: createCommandRunner(), docker: createDockerClientProvider({ settings: () => settings }), peerSnapshot: () => null, modelProbes: noProbes },
    { onResult: (r) => results.push(r), onEvent: () => undefined, onReset: (id) => resets.push(id) },
    clock,
    silentLogger,
  );
  await runner.start(settings);
  assert.deepEqual([system.counts.created, docker.counts.created], [1, 1]);

  const thresholdsOnly = { ...settings, thresholds: { ...settings.thresholds, restartCountWarning: 9 } };
  assert.deepEqual(await runner.apply(thresholdsOnly), [], 'a threshold restarts nothing');

  const newEndpoint = { ...thresholdsOnly, docker: { enabled: true, endpoint: 'unix:///tmp/other.sock' } };
  assert.deepEqual(await runner.apply(newEndpoint), ['docker']);
  assert.deepEqual([system.counts.created, docker.counts.created, docker.counts.stopped, system.counts.stopped], [1, 2, 1, 0]);
  assert.deepEqual(resets, ['docker']);
  await runner.stop();
  await flushPromises();
  assert.deepEqual([system.counts.stopped, docker.counts.stopped], [1, 2]);
});

test('a module that cannot build its collector reports why, and the others run', async () => {
  const clock = new TestClock(0);
  const fine = countingModule('system', () => 1);
  const broken = { ...countingModule('docker', () => 1).module, createCollector: async () => Promise.reject(new Error('no such library')) } as AnyMonitorModule;
  const results: CollectorResult[] = [];
  const settings = defaultSettings();
  const runner = new ModuleRunner(
    [fine.module, broken],
    { clock, log: silentLogger, commands: createCommandRunner(), docker: createDockerClientProvider({ settings: () => settings }), peerSnapshot: () => null, modelProbes: noProbes },
    { onResult: (r) => results.push(r), onEvent: () => undefined, onReset: () => undefined },
    clock,
    silentLogger,
  );
  await runner.start(settings);
  assert.equal(fine.counts.created, 1);
  assert.deepEqual(results.find((r) => r.collectorId === 'docker')?.error, 'docker monitor could not start: no such library');
  await runner.stop();
});
