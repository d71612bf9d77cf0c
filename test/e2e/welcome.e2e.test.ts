// End to end, a first start: `opsbar serve` on a data dir without config.yaml and the built
// dashboard in Chromium. The welcome view says what was found (the real Docker engine, a GPU
// read through a stand-in nvidia-smi on PATH), the operator unticks the GPU and starts
// monitoring; the normal dashboard appears and config.yaml says `gpu: enabled: false`.
// OPSBAR_SCREENSHOTS=1 also writes docs/screenshots/welcome.png.
import assert from 'node:assert/strict';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfigFile } from '../../electron/core/config/configFile';
import { openServedDashboard, type ServedDashboard } from '../support/dashboardBrowser';
import { requireDocker } from '../support/dockerEngine';
import { docsScreenshots, testResultScreenshots } from '../support/e2ePages';
import { HANG_GUARD_MS } from '../support/eventually';
import { REPO_ROOT } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

const CAPTURE = join(REPO_ROOT, 'test', 'fixtures', 'nvidia-smi', 'captures', 'linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt');

function fakeNvidiaSmiOnPath(): NodeJS.ProcessEnv {
  const bin = tempDir('opsbar-e2e-welcome-bin-');
  symlinkSync(join(REPO_ROOT, 'test', 'support', 'fakeNvidiaSmi.mjs'), join(bin, 'nvidia-smi'));
  return { PATH: `${bin}:${process.env.PATH ?? ''}`, FAKE_NVIDIA_SMI_CAPTURE: CAPTURE };
}

describe('first start end to end (welcome view)', { timeout: 4 * HANG_GUARD_MS }, () => {
  let dashboard: ServedDashboard | undefined;
  after(async () => {
    await dashboard?.stop();
  });

  it('shows what was found; unticking the GPU and starting writes gpu.enabled: false and opens the dashboard', async (t) => {
    if (!(await requireDocker(t))) return;
    dashboard = await openServedDashboard({ name: 'welcome', config: undefined, waitForLive: false, env: fakeNvidiaSmiOnPath() });
    const { page, dataDir } = dashboard;
    const configPath = join(dataDir, 'config.yaml');
    assert.equal(existsSync(configPath), false, 'a first start: no config file');

    const welcome = page.getByRole('main', { name: 'Welcome' });
    await welcome.getByRole('heading', { name: 'Welcome to Opsbar' }).waitFor();
    const docker = welcome.getByRole('region', { name: 'Docker' });
    await docker.getByText(/^Docker: Linux engine at \S+ — \d+ containers?$/).waitFor();
    const gpus = welcome.getByRole('region', { name: 'GPUs' });
    await gpus.getByText('GPUs: NVIDIA H100 80GB HBM3').waitFor();
    await welcome.getByRole('region', { name: 'Disks' }).getByText(/^Disks: \/ \d+ GB free of \d+ GB/).waitFor();
    const gpuToggle = gpus.getByRole('checkbox', { name: 'Watch GPUs' });
    assert.equal(await gpuToggle.isChecked(), true, 'on where a GPU was found');
    assert.equal(await docker.getByRole('checkbox', { name: 'Watch Docker containers' }).isChecked(), true);
    // Start at login is the desktop app's (a login item or XDG autostart): `opsbar serve` does not offer it.
    assert.equal(await welcome.getByRole('checkbox', { name: 'Start Opsbar when I log in' }).count(), 0);

    for (const dir of [testResultScreenshots(), docsScreenshots()]) if (dir) await page.screenshot({ path: join(dir, 'welcome.png'), fullPage: true });

    await gpuToggle.uncheck();
    await welcome.getByRole('button', { name: 'Start monitoring' }).click();
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    await page.getByText('live', { exact: true }).waitFor();
    assert.equal(await page.getByRole('main', { name: 'Welcome' }).count(), 0);

    const { settings, problems } = loadConfigFile(configPath);
    assert.deepEqual(problems, []);
    assert.equal(settings.gpu.enabled, false);
    assert.equal(settings.docker.enabled, true);
    assert.equal(settings.app.startAtLogin, false);

    // The next load is no first run: the dashboard comes straight away.
    await page.reload();
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    assert.equal(await page.getByRole('main', { name: 'Welcome' }).count(), 0);
    assert.deepEqual(dashboard.dialogs, []);
    assert.deepEqual(dashboard.pageErrors, []);
  });
});
