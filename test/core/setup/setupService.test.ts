// The first run: detection bounded by its deadline (each finding on its own), and the first
// config written from the welcome view's choices, read back with the real config loader.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { SettingsPatch } from '../../../shared/config/settingsSchema';
import type { SetupChoice } from '../../../shared/types/setup';
import type { ModuleId, StatusSnapshot } from '../../../shared/types/status';
import { loadConfigFile, updateConfigFile } from '../../../electron/core/config/configFile';
import { RefusedError } from '../../../electron/core/refusedError';
import { ALREADY_SET_UP, createSetupService, type SetupDeps } from '../../../electron/core/setup/setupService';
import type { AuditEntry } from '../../../electron/core/store/auditLog';
import { emptyStatus, upModelEndpoint } from '../../support/statusFixtures';
import { tempDir } from '../../support/tempDir';
import { TestClock } from '../../support/testClock';

const DEFAULT_CHOICE: SetupChoice = {
  monitors: { docker: true, gpu: true, models: true, http: true },
  notifications: { desktop: true, webhook: null },
  startAtLogin: false,
};

function hostStatus(): StatusSnapshot {
  const status = emptyStatus(1);
  status.docker = {
    at: 1,
    available: true,
    endpoint: '/var/run/docker.sock',
    error: null,
    engineVersion: '27.3.1',
    stacks: [{ name: 'ai', kind: 'compose', severity: 'ok', counts: { total: 2, running: 2, healthy: 0, unhealthy: 0 }, containers: [{ name: 'a' }, { name: 'b' }] as never }],
  };
  status.models = { ...status.models, endpoints: [upModelEndpoint('http://127.0.0.1:11434', { models: [{ name: 'qwen' }, { name: 'llama' }, { name: 'phi' }] as never })] };
  status.system = {
    at: 1,
    hostname: 'box',
    platform: 'linux',
    cpu: { percent: 3, cores: 8 },
    memory: { totalBytes: 1, usedBytes: 1, availableBytes: 0, percent: 50 },
    swap: { totalBytes: 0, usedBytes: 0 },
    load: [0, 0, 0],
    uptimeSeconds: 1,
    disks: [{ mount: '/', fsType: 'ext4', totalBytes: 460e9, freeBytes: 41e9, usedBytes: 419e9, usedPercent: 91 }],
  };
  return status;
}

function setup(dataDir: string, overrides: Partial<SetupDeps> = {}) {
  const configPath = join(dataDir, 'config.yaml');
  const audit: AuditEntry[] = [];
  const asked: (readonly ModuleId[] | undefined)[] = [];
  const clock = new TestClock();
  const deps: SetupDeps = {
    configPath,
    firstRun: () => !existsSync(configPath),
    collect: async (ids) => {
      asked.push(ids);
      return hostStatus();
    },
    inventory: async () => ({ at: 1, cpu: null, os: null, memoryBytes: null, gpus: [], error: null }),
    writeSettings: async (patch: SettingsPatch) => ({ ...updateConfigFile(configPath, patch), configPath }),
    platform: 'linux',
    desktopApp: true,
    audit: (entry) => audit.push(entry),
    clock,
    engineIdentity: async () => ({ version: { Version: '27.3.1' }, info: { Name: 'box', OperatingSystem: 'Ubuntu 24.04 LTS' } }),
    ...overrides,
  };
  return { service: createSetupService(deps), configPath, audit, asked, clock };
}

describe('first-run detection', () => {
  it('says what it found: which Docker and its containers, GPUs, model servers, disks', async () => {
    const { service } = setup(tempDir());
    const found = await service.detect();
    assert.equal(found.firstRun, true);
    assert.deepEqual(found.docker, { found: true, endpoint: '/var/run/docker.sock', kind: 'linux-engine', detail: 'Linux engine 27.3.1', containers: 2 });
    assert.deepEqual(found.gpus, { found: false, source: null, names: [], detail: 'nvidia-smi is not on PATH' });
    assert.deepEqual(found.modelServers, [{ url: 'http://127.0.0.1:11434', kind: 'Ollama', models: 3 }]);
    assert.deepEqual(found.disks, [{ mount: '/', totalBytes: 460e9, freeBytes: 41e9 }]);
    assert.equal(found.startAtLoginSupported, true);
    const served = await setup(tempDir(), { desktopApp: false }).service.detect();
    assert.equal(served.startAtLoginSupported, false, '`opsbar serve` cannot start anything at login');
    assert.ok(found.notificationChannels.includes('desktop'));
  });

  it('a hanging GPU tool does not hold back the rest: at the deadline it reads "did not answer"', async () => {
    const { service, clock } = setup(tempDir(), {
      collect: (ids) => (ids?.includes('gpu') ? new Promise<StatusSnapshot>(() => {}) : Promise.resolve(hostStatus())),
    });
    let settled = false;
    const detection = service.detect().finally(() => (settled = true));
    await clock.advance(9_999);
    assert.equal(settled, false, 'detection waits for the GPU until the deadline');
    await clock.advance(1);
    const found = await detection;
    assert.equal(found.docker.found, true);
    assert.equal(found.gpus.found, false);
    assert.match(found.gpus.detail, /did not answer within 10 s/);
    assert.equal(found.disks.length, 1);
    assert.equal(clock.pendingTimers, 0);
  });

  it('a GPU the system lists but no tool reads is named', async () => {
    const { service } = setup(tempDir(), {
      inventory: async () => ({ at: 1, cpu: null, os: null, memoryBytes: null, gpus: [{ vendor: 'NVIDIA', model: 'GeForce RTX 4090', vramBytes: null, cores: null }], error: null }),
    });
    assert.equal((await service.detect()).gpus.detail, 'GeForce RTX 4090 installed, but nvidia-smi is not on PATH');
  });

  it('an engine that does not say which it is is named by its socket', async () => {
    const { service } = setup(tempDir(), { engineIdentity: () => Promise.reject(new Error('EACCES')) });
    assert.deepEqual((await service.detect()).docker, { found: true, endpoint: '/var/run/docker.sock', kind: 'linux-engine', detail: 'Linux engine', containers: 2 });
  });

  it('an engine that accepts but never says which it is is named by its socket after 3 s', async () => {
    let signal: AbortSignal | null = null;
    const { service, clock } = setup(tempDir(), {
      engineIdentity: (_endpoint, s) => {
        signal = s;
        return new Promise(() => {});
      },
    });
    const detection = service.detect();
    await clock.advance(0);
    assert.ok(signal, 'the engine was asked which it is');
    await clock.advance(3_000);
    const found = await detection;
    assert.equal(found.docker.kind, 'linux-engine');
    assert.equal(found.docker.found, true);
    assert.equal((signal as AbortSignal | null)?.aborted, true, 'the identity request is aborted');
    assert.equal(clock.pendingTimers, 0);
  });

  it('once set up, reads nothing (every page load asks)', async () => {
    const { service, asked, configPath } = setup(tempDir());
    await service.apply(DEFAULT_CHOICE);
    const found = await service.detect();
    assert.equal(found.firstRun, false);
    assert.equal(found.configPath, configPath);
    assert.deepEqual(asked, []);
  });
});

describe('applying the first-run choice', () => {
  it('writes config.yaml even when every choice is the default, and audits it', async () => {
    const { service, configPath, audit } = setup(tempDir());
    const view = await service.apply(DEFAULT_CHOICE, 'dashboard');
    assert.ok(existsSync(configPath));
    const loaded = loadConfigFile(configPath);
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.settings.docker.enabled, true);
    assert.equal(loaded.settings.app.startAtLogin, false);
    assert.equal(view.settings.gpu.enabled, true);
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'setup.apply');
    assert.equal(audit[0].actor, 'dashboard');
    assert.equal(audit[0].outcome, 'succeeded');
  });

  it('writes the monitors switched off, start at login and desktop off', async () => {
    const { service, configPath } = setup(tempDir());
    await service.apply({ monitors: { docker: true, gpu: false, models: false, http: true }, notifications: { desktop: false }, startAtLogin: true });
    const { settings } = loadConfigFile(configPath);
    assert.equal(settings.gpu.enabled, false);
    assert.equal(settings.models.enabled, false);
    assert.equal(settings.http.enabled, true);
    assert.equal(settings.app.startAtLogin, true);
    assert.equal(settings.notifications.desktop, false);
  });

  it('puts the webhook in, its URL kept out of the audit row', async () => {
    const { service, configPath, audit } = setup(tempDir());
    const url = 'https://ntfy.sh/opsbar-box-alerts';
    await service.apply({ ...DEFAULT_CHOICE, notifications: { desktop: true, webhook: { kind: 'ntfy', url } } });
    const { settings } = loadConfigFile(configPath);
    assert.deepEqual(
      settings.notifications.webhooks.map((w) => ({ name: w.name, kind: w.kind, url: w.url, enabled: w.enabled })),
      [{ name: 'ntfy', kind: 'ntfy', url, enabled: true }],
    );
    assert.equal(JSON.stringify(audit).includes(url), false);
    assert.equal(audit[0].details.webhook, 'ntfy');
  });

  it('a generic webhook is a JSON POST; a Slack hook must be https', async () => {
    const { service, configPath } = setup(tempDir());
    await assert.rejects(
      service.apply({ ...DEFAULT_CHOICE, notifications: { desktop: true, webhook: { kind: 'slack', url: 'http://hooks.slack.com/services/T/B/x' } } }),
      (error: Error) => error instanceof RefusedError && /https/.test(error.message) && !error.message.includes('hooks.slack.com/services/T'),
    );
    assert.equal(existsSync(configPath), false, 'a refused choice writes nothing');
    await service.apply({ ...DEFAULT_CHOICE, notifications: { desktop: true, webhook: { kind: 'webhook', url: 'http://10.0.0.2:9000/hook' } } });
    assert.equal(loadConfigFile(configPath).settings.notifications.webhooks[0].kind, 'json');
  });

  it('an ntfy URL needs a topic', async () => {
    const { service, configPath } = setup(tempDir());
    await assert.rejects(service.apply({ ...DEFAULT_CHOICE, notifications: { desktop: true, webhook: { kind: 'ntfy', url: 'https://ntfy.sh/' } } }), /topic/);
    assert.equal(existsSync(configPath), false);
  });

  it('is refused once a config exists, and changes nothing', async () => {
    const { service, configPath, audit } = setup(tempDir());
    await service.apply(DEFAULT_CHOICE);
    const before = readFileSync(configPath, 'utf8');
    await assert.rejects(service.apply({ ...DEFAULT_CHOICE, monitors: { ...DEFAULT_CHOICE.monitors, docker: false } }), (error: Error) => error instanceof RefusedError && error.message === ALREADY_SET_UP);
    assert.equal(readFileSync(configPath, 'utf8'), before);
    assert.equal(audit.length, 1);
  });
});
