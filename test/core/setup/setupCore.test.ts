// The first run through the real core: no config file → `setup.detect` reads the real Docker
// engine here, a hanging nvidia-smi does not hold it, and `setup.apply` writes the config once.
import assert from 'node:assert/strict';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { SetupDetection } from '../../../shared/types/setup';
import { loadConfigFile } from '../../../electron/core/config/configFile';
import { createOpsbarCore } from '../../../electron/core/createCore';
import { silentLogger } from '../../../electron/core/logger';
import type { OpsbarCore } from '../../../electron/core/opsbarCore';
import { dockerKindOf } from '../../../electron/core/setup/dockerKind';
import { readEngineIdentity } from '../../../electron/core/setup/engineIdentity';
import { createTestStack, removeTestStacks, requireDocker } from '../../support/dockerEngine';
import { startFakeDockerEngine } from '../../support/fakeDockerEngine';
import { REPO_ROOT } from '../../support/opsbarProcess';
import { tempDir } from '../../support/tempDir';

const cores: OpsbarCore[] = [];
function firstRunCore(): OpsbarCore {
  const core = createOpsbarCore({ dataDir: tempDir('opsbar-setup-'), role: 'cli', log: silentLogger });
  cores.push(core);
  return core;
}
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop()));
});
after(() => removeTestStacks());

async function detect(core: OpsbarCore): Promise<SetupDetection> {
  const envelope = await core.dispatch('setup.detect', {});
  assert.ok(envelope.ok, JSON.stringify(envelope));
  return envelope.value as SetupDetection;
}

describe('first run through the core', () => {
  it('with no config file, finds the real Docker engine here and its containers', async (t) => {
    if (!(await requireDocker(t))) return;
    await createTestStack('welcome', [{ name: 'web' }]);
    const found = await detect(firstRunCore());
    assert.equal(found.firstRun, true);
    assert.equal(found.docker.found, true, found.docker.detail);
    assert.equal(found.docker.kind, 'linux-engine');
    assert.ok(found.docker.endpoint);
    assert.match(found.docker.detail, /^Linux engine \d+\./);
    assert.ok(found.docker.containers >= 1, `${found.docker.containers} containers`);
    assert.ok(found.disks.some((d) => d.mount === '/' && d.totalBytes > 0));
  });

  it('the real engine answers /version and /info as a Linux engine', async (t) => {
    if (!(await requireDocker(t))) return;
    const identity = await readEngineIdentity(process.env.DOCKER_HOST ?? '/var/run/docker.sock', AbortSignal.timeout(30_000));
    assert.equal(typeof (identity.info as { OperatingSystem?: unknown }).OperatingSystem, 'string');
    assert.equal(dockerKindOf('/var/run/docker.sock', identity).kind, 'linux-engine');
  });

  it('an engine on a socket that answers as Docker Desktop is named so', async () => {
    const engine = await startFakeDockerEngine(tempDir());
    try {
      engine.reply('/version', { kind: 'json', body: { Platform: { Name: 'Docker Desktop 4.37.1 (178610)' }, Version: '27.4.0' } });
      engine.reply('/info', { kind: 'json', body: { Name: 'docker-desktop', OperatingSystem: 'Docker Desktop' } });
      const identity = await readEngineIdentity(engine.socketPath, AbortSignal.timeout(30_000));
      assert.deepEqual(dockerKindOf(engine.socketPath, identity), { kind: 'docker-desktop', detail: 'Docker Desktop 4.37.1 (engine 27.4.0)' });
    } finally {
      await engine.close();
    }
  });

  it('setup.apply writes the config once; a second time is refused', async () => {
    const core = firstRunCore();
    const choice = { monitors: { docker: true, gpu: false, models: true, http: true }, notifications: { desktop: true, webhook: null }, startAtLogin: false };
    const applied = await core.dispatch('setup.apply', choice);
    assert.ok(applied.ok, JSON.stringify(applied));
    const configPath = join(core.dataDir, 'config.yaml');
    assert.ok(existsSync(configPath));
    assert.equal(loadConfigFile(configPath).settings.gpu.enabled, false);
    assert.equal((await detect(core)).firstRun, false);
    const again = await core.dispatch('setup.apply', choice);
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.error.code, 'refused');
  });
});

describe('first run with a hanging nvidia-smi on PATH', () => {
  const saved = { PATH: process.env.PATH, MODE: process.env.FAKE_NVIDIA_SMI_MODE };
  before(() => {
    const bin = tempDir('opsbar-setup-bin-');
    symlinkSync(join(REPO_ROOT, 'test', 'support', 'fakeNvidiaSmi.mjs'), join(bin, 'nvidia-smi'));
    process.env.PATH = `${bin}:${process.env.PATH}`;
    process.env.FAKE_NVIDIA_SMI_MODE = 'hang';
  });
  after(() => {
    process.env.PATH = saved.PATH;
    if (saved.MODE === undefined) delete process.env.FAKE_NVIDIA_SMI_MODE;
    else process.env.FAKE_NVIDIA_SMI_MODE = saved.MODE;
  });

  it('detection still comes back, saying the GPU tool did not answer, with the disks read', async () => {
    const found = await detect(firstRunCore());
    assert.equal(found.gpus.found, false);
    assert.match(found.gpus.detail, /did not answer/);
    assert.ok(found.disks.length > 0);
  });
});
