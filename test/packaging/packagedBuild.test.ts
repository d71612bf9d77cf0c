// electron-builder run for real (`--linux dir`) with a stand-in Electron: the release Electron
// cannot be downloaded here, so `electronDist` is a folder with a fake `electron` that carries
// only a fuse wire, and the native rebuild is off (it needs Electron's headers). What this
// proves: the file lists (what lands in app.asar, what is unpacked, the extraResources), the
// binary's name and its fuses flipped. What it cannot: a binary that starts, a rebuilt module.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { REPO_ROOT } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

// @electron/fuses finds the wire after this sentinel: version 1, 8 fuses, Electron's defaults.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = 0x31;
const DISABLED = 0x30;

function fakeElectronDist(): string {
  const dir = tempDir('opsbar-fake-electron-');
  mkdirSync(join(dir, 'resources'));
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001\n')]), { mode: 0o755 });
  writeFileSync(join(dir, 'chrome-sandbox'), '');
  writeFileSync(join(dir, 'version'), '45.4.1');
  return dir;
}

function electronBuilder(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules', 'electron-builder', 'cli.js'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('electron-builder --linux dir with a stand-in Electron', () => {
  let unpacked: string;
  before(async () => {
    for (const built of ['dist/node/electron/main/main.js', 'dist/preload/preload.js', 'dist/renderer/index.html']) {
      assert.ok(existsSync(join(REPO_ROOT, built)), `${built} is built (npm run build)`);
    }
    const out = tempDir('opsbar-release-');
    const result = await electronBuilder([
      '--linux',
      'dir',
      '--config',
      'electron-builder.config.js',
      '--publish',
      'never',
      `-c.electronDist=${fakeElectronDist()}`,
      '-c.electronVersion=45.4.1',
      '-c.npmRebuild=false',
      `-c.directories.output=${out}`,
    ]);
    assert.equal(result.code, 0, result.output);
    unpacked = join(out, 'linux-unpacked');
  });

  test('the binary is opsbar-app, with the fuses of the configuration flipped', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'opsbar-app'));
    const expected: [keyof typeof FuseV1Options, boolean][] = [
      ['RunAsNode', false],
      ['EnableCookieEncryption', true],
      ['EnableNodeOptionsEnvironmentVariable', false],
      ['EnableNodeCliInspectArguments', false],
      ['EnableEmbeddedAsarIntegrityValidation', true],
      ['OnlyLoadAppFromAsar', true],
      ['GrantFileProtocolExtraPrivileges', false],
    ];
    for (const [name, value] of expected) assert.equal(wire[FuseV1Options[name]], value ? ENABLED : DISABLED, name);
  });

  test('app.asar holds the compiled app and production modules only', async () => {
    const { listPackage } = (await import('@electron/asar')) as { listPackage(archive: string, options: { isPack: boolean }): string[] };
    const files = new Set(listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/')));
    for (const file of ['/package.json', '/bin/opsbar.js', '/dist/node/electron/main/main.js', '/dist/node/electron/core/resourcePaths.js', '/dist/preload/preload.js', '/node_modules/zod/package.json']) {
      assert.ok(files.has(file), `${file} is in app.asar`);
    }
    const unwanted = [...files].filter((f) =>
      /^\/(test|bench|docs|scripts|renderer|shared|electron|runbooks|dist\/renderer)\//.test(f) || f.endsWith('.map') || /^\/node_modules\/(electron|electron-builder|typescript|vite|eslint|tsx)\//.test(f),
    );
    assert.deepEqual(unwanted, [], 'no sources, tests, dev tools or renderer in the asar');
  });

  test('better-sqlite3 is unpacked beside the asar, without its C sources', () => {
    const module = join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
    assert.ok(existsSync(join(module, 'build', 'Release', 'better_sqlite3.node')), 'the path resourcePaths.ts gives the core');
    assert.ok(existsSync(join(module, 'lib', 'index.js')));
    assert.equal(existsSync(join(module, 'deps')), false);
    assert.equal(existsSync(join(module, 'src')), false);
  });

  test('runbooks, the renderer, the tray icons, the icon and the CLI are plain resources', () => {
    const resources = join(unpacked, 'resources');
    for (const file of ['runbooks/daily-health-check.md', 'renderer/index.html', 'tray/tray-ok.png', 'tray/tray-ok@2x.png', 'icon.png', 'cli/opsbar']) {
      assert.ok(existsSync(join(resources, file)), file);
    }
    assert.ok(statSync(join(resources, 'cli', 'opsbar')).mode & 0o100, 'the launcher stays executable');
  });
});
