// The core run from a packaged-like layout under plain Node: `<tmp>/Opsbar/resources/` with an
// unpacked `app/` folder standing in for app.asar, and `runbooks/` and `renderer/` beside it
// (electron-builder.config.js's extraResources). A --require preload sets process.resourcesPath
// as Electron would. Runbooks and the dashboard must come from there, not from the checkout.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { detectLayout, resourcePathsFor } from '../../electron/core/resourcePaths';
import { REPO_ROOT, runProcess } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

const MARKER_RUNBOOK = 'packaged-layout-marker';
const MARKER_HTML = '<!-- opsbar-packaged-renderer-marker -->';

interface Layout {
  root: string;
  resources: string;
  preload: string;
  bin: string;
}

function buildLayout(): Layout {
  const root = join(tempDir('opsbar-packaged-'), 'Opsbar');
  const resources = join(root, 'resources');
  const app = join(resources, 'app');
  mkdirSync(app, { recursive: true });
  cpSync(join(REPO_ROOT, 'dist', 'node'), join(app, 'dist', 'node'), { recursive: true });
  cpSync(join(REPO_ROOT, 'bin'), join(app, 'bin'), { recursive: true });
  cpSync(join(REPO_ROOT, 'package.json'), join(app, 'package.json'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
  cpSync(join(REPO_ROOT, 'runbooks'), join(resources, 'runbooks'), { recursive: true });
  const daily = readFileSync(join(REPO_ROOT, 'runbooks', 'daily-health-check.md'), 'utf8');
  writeFileSync(
    join(resources, 'runbooks', `${MARKER_RUNBOOK}.md`),
    daily.replace(/^id: .*$/m, `id: ${MARKER_RUNBOOK}`).replace(/^title: .*$/m, 'title: Packaged layout marker').replace(/^schedule: .*\n/m, ''),
  );
  cpSync(join(REPO_ROOT, 'dist', 'renderer'), join(resources, 'renderer'), { recursive: true });
  const index = join(resources, 'renderer', 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', `${MARKER_HTML}</body>`));
  cpSync(join(REPO_ROOT, 'resources', 'cli'), join(resources, 'cli'), { recursive: true });
  const preload = join(root, '..', 'resources-path.cjs');
  writeFileSync(preload, `process.resourcesPath = ${JSON.stringify(resources)};\n`);
  return { root, resources, preload, bin: join(app, 'bin', 'opsbar.js') };
}

function runbookFiles(stdout: string): { id: string; file: string }[] {
  return (JSON.parse(stdout) as { runbooks: { id: string; file: string }[] }).runbooks;
}

describe('the core from a packaged-like layout (plain Node, process.resourcesPath set)', () => {
  let layout: Layout;
  before(() => {
    assert.ok(existsSync(join(REPO_ROOT, 'dist', 'node', 'electron', 'core', 'resourcePaths.js')), 'build dist/node first (npx tsc -p tsconfig.build.json)');
    assert.ok(existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html')), 'build the renderer first (npm run build:renderer)');
    layout = buildLayout();
  });

  test('runbook list reads the runbooks in <resources>/runbooks', async () => {
    const data = tempDir('opsbar-packaged-data-');
    const result = await runProcess(process.execPath, ['--require', layout.preload, layout.bin, 'runbook', 'list', '--json', '--data-dir', data]);
    assert.equal(result.code, 0, result.stderr);
    const runbooks = runbookFiles(result.stdout);
    const marker = runbooks.find((r) => r.id === MARKER_RUNBOOK);
    assert.ok(marker, 'the marker runbook exists only in the packaged copy');
    assert.equal(marker.file, join(layout.resources, 'runbooks', `${MARKER_RUNBOOK}.md`));
    for (const runbook of runbooks) assert.ok(runbook.file.startsWith(join(layout.resources, 'runbooks')), `${runbook.id} from ${runbook.file}`);
  });

  test('serve answers / with the dashboard from <resources>/renderer', async () => {
    const data = tempDir('opsbar-packaged-data-');
    const child = spawn(process.execPath, ['--require', layout.preload, layout.bin, 'serve', '--port', '0', '--data-dir', data], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        let stderr = '';
        child.stderr.on('data', (c) => (stderr += c));
        child.on('exit', (code) => reject(new Error(`serve exited (${code}) before serving: ${stderr}`)));
        child.stdout.on('data', (c) => {
          stdout += c;
          const match = /Opsbar dashboard: (http:\/\/\S+)/.exec(stdout);
          if (match) resolve(match[1]);
        });
      });
      const response = await fetch(new URL('/', url));
      assert.equal(response.status, 200);
      assert.ok((await response.text()).includes(MARKER_HTML), 'the copied index.html, not the checkout one');
    } finally {
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('the opsbar launcher finds the app binary through a link and passes every argument', async () => {
    // Stands in for the Electron binary beside resources/ (Linux: opsbar-app): records what it
    // was given, then runs the CLI under Node as the real binary's --opsbar-cli mode would.
    const fakeBinary = join(layout.root, 'opsbar-app');
    const argsFile = join(layout.root, 'args.txt');
    writeFileSync(
      fakeBinary,
      [
        '#!/bin/sh',
        `for a in "$@"; do printf '%s\\n' "$a"; done > ${JSON.stringify(argsFile)}`,
        'while [ $# -gt 0 ]; do case $1 in --opsbar-cli) shift; break ;; *) shift ;; esac; done',
        `exec ${JSON.stringify(process.execPath)} --require ${JSON.stringify(layout.preload)} ${JSON.stringify(layout.bin)} "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(fakeBinary, 0o755);
    const onPath = join(tempDir('opsbar-path-'), 'opsbar');
    symlinkSync(join(layout.resources, 'cli', 'opsbar'), onPath);
    const data = join(tempDir('opsbar-packaged-data-'), 'data dir');
    const env = { DISPLAY: '', WAYLAND_DISPLAY: '' };
    const result = await runProcess(onPath, ['runbook', 'list', '--json', '--data-dir', data], env);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(runbookFiles(result.stdout).some((r) => r.id === MARKER_RUNBOOK));
    const args = readFileSync(argsFile, 'utf8').trimEnd().split('\n');
    assert.deepEqual(args, ['--ozone-platform=headless', '--opsbar-cli', 'runbook', 'list', '--json', '--data-dir', data]);
  });

  test('the launcher says where it looked when the app binary is missing', async () => {
    const result = await runProcess(join(layout.resources, 'cli', 'opsbar'), ['status'], { OPSBAR_APP_BINARY: join(layout.root, 'no-such-binary') });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /cannot find the Opsbar app binary at .*no-such-binary/);
  });

  test('resourcePaths: packaged layout → <resources>; the checkout → the checkout', () => {
    const packaged = resourcePathsFor(detectLayout({ resourcesPath: layout.resources, moduleDir: join(layout.resources, 'app', 'dist', 'node', 'electron', 'core') }), {
      electron: true,
      exists: () => true,
    });
    assert.equal(packaged.layout.packaged, true);
    assert.equal(packaged.layout.appRoot, join(layout.resources, 'app'));
    assert.equal(packaged.runbooksDir, join(layout.resources, 'runbooks'));
    assert.equal(packaged.rendererDir, join(layout.resources, 'renderer'));
    assert.equal(packaged.trayIcon('tray-ok'), join(layout.resources, 'tray', 'tray-ok.png'));
    assert.equal(packaged.preload, join(layout.resources, 'app', 'dist', 'preload', 'preload.js'));
    assert.equal(packaged.sqliteNativeBinding, join(layout.resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));

    const asar = detectLayout({ resourcesPath: '/Applications/Opsbar.app/Contents/Resources', moduleDir: '/Applications/Opsbar.app/Contents/Resources/app.asar/dist/node/electron/core' });
    assert.deepEqual(asar, { packaged: true, appRoot: '/Applications/Opsbar.app/Contents/Resources/app.asar', resourcesDir: '/Applications/Opsbar.app/Contents/Resources' });

    // A development Electron sets process.resourcesPath too (inside node_modules/electron): still the checkout.
    const devModuleDir = join(REPO_ROOT, 'electron', 'core');
    for (const resourcesPath of [undefined, join(REPO_ROOT, 'node_modules', 'electron', 'dist', 'resources')]) {
      const dev = resourcePathsFor(detectLayout({ resourcesPath, moduleDir: devModuleDir }), { electron: false });
      assert.deepEqual(dev.layout, { packaged: false, appRoot: REPO_ROOT, resourcesDir: null });
      assert.equal(dev.runbooksDir, join(REPO_ROOT, 'runbooks'));
      assert.equal(dev.rendererDir, join(REPO_ROOT, 'dist', 'renderer'));
      assert.equal(dev.trayIcon('tray-ok'), join(REPO_ROOT, 'resources', 'tray', 'tray-ok.png'));
      assert.equal(dev.sqliteNativeBinding, undefined, 'plain Node uses its own build');
    }
    // Code outside <resources>/app(.asar) is not packaged, whatever resourcesPath says.
    assert.equal(detectLayout({ resourcesPath: layout.resources, moduleDir: join(REPO_ROOT, 'electron', 'core') }).packaged, false);
    const electronDev = resourcePathsFor(detectLayout({ moduleDir: devModuleDir }), { electron: true, exists: () => true });
    assert.equal(electronDev.sqliteNativeBinding, join(REPO_ROOT, 'build', 'electron-native', 'better_sqlite3.node'));
  });
});

describe('main.ts in --opsbar-cli mode (the packaged binary as the `opsbar` command)', () => {
  test('runs the CLI from the packaged layout and exits with its code: no lock, no tray, no profile move', async () => {
    const layout = buildLayout();
    // A stand-in `electron` module (the real binary cannot be downloaded here) that records each call.
    const fakeElectron = join(layout.root, '..', 'fake-electron.cjs');
    writeFileSync(
      fakeElectron,
      [
        "const calls = (name) => (...args) => { process.stderr.write('electron.' + name + '\\n'); };",
        "const app = new Proxy({ exit: (code) => { process.stderr.write('electron.app.exit ' + code + '\\n'); process.exit(code); } }, { get: (t, k) => t[k] ?? calls('app.' + String(k)) });",
        'const any = new Proxy({}, { get: (t, k) => calls(String(k)) });',
        'module.exports = { app, BrowserWindow: any, Menu: any, Notification: any, Tray: any, dialog: any, ipcMain: any, nativeImage: any, protocol: any, session: any, shell: any };',
        '',
      ].join('\n'),
    );
    const preload = join(layout.root, '..', 'packaged-electron.cjs');
    writeFileSync(
      preload,
      [
        `process.resourcesPath = ${JSON.stringify(layout.resources)};`,
        "const Module = require('node:module');",
        'const resolve = Module._resolveFilename;',
        `Module._resolveFilename = function (request, ...rest) { return request === 'electron' ? ${JSON.stringify(fakeElectron)} : resolve.call(this, request, ...rest); };`,
        '',
      ].join('\n'),
    );
    const main = join(layout.resources, 'app', 'dist', 'node', 'electron', 'main', 'main.js');
    const data = tempDir('opsbar-packaged-data-');
    const result = await runProcess(process.execPath, ['--require', preload, main, '--opsbar-cli', 'runbook', 'list', '--json', '--data-dir', data]);
    assert.equal(result.code, 0, result.stderr);
    const runbooks = runbookFiles(result.stdout);
    assert.ok(runbooks.some((r) => r.id === MARKER_RUNBOOK && r.file.startsWith(join(layout.resources, 'runbooks'))));
    const calls = result.stderr.split('\n').filter((line) => line.startsWith('electron.'));
    assert.deepEqual(calls, ['electron.app.exit 0'], 'the CLI touches nothing of the app but its exit');

    const failing = await runProcess(process.execPath, ['--require', preload, main, '--opsbar-cli', 'runbook', 'show', 'no-such-runbook', '--data-dir', data]);
    assert.notEqual(failing.code, 0);
    assert.ok(failing.stderr.includes(`electron.app.exit ${failing.code}`));
  });
});
