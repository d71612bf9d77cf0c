// electron-builder.config.js, loaded and validated by electron-builder's own loader and JSON
// schema (no Electron download needed), and every path it names checked against the checkout.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

interface Target {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string };
  /** electron-builder's loader turns the list into file sets. */
  files: (string | { filter: string[] })[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  mac: { target: Target[]; hardenedRuntime: boolean; gatekeeperAssess: boolean; entitlements: string; entitlementsInherit: string; extendInfo: Record<string, unknown>; category: string; icon: string };
  linux: { target: Target[]; executableName: string; category: string; icon: string };
  deb: { depends: string[]; afterInstall: string; afterRemove: string };
}

// app-builder-lib's package exports hide its internals; they are loaded by path.
const APP_BUILDER_LIB = join(REPO_ROOT, 'node_modules', 'app-builder-lib');

type ConfigModule = {
  getConfig(projectDir: string, configPath: string | null, fromOptions: unknown): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
};
// electron-builder logs to stdout, which the test runner reads as its own protocol: to stderr.
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require(join(REPO_ROOT, 'node_modules', 'builder-util', 'out', 'log.js')) as { log: { stream: NodeJS.WritableStream } }).log.stream = process.stderr;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const builder = require(join(APP_BUILDER_LIB, 'out', 'util', 'config', 'config.js')) as ConfigModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FileMatcher } = require(join(APP_BUILDER_LIB, 'out', 'fileMatcher.js')) as {
  FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => { createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean };
};

const loadConfig = () => builder.getConfig(REPO_ROOT, join(REPO_ROOT, 'electron-builder.config.js'), null);

describe('electron-builder.config.js', () => {
  test("passes electron-builder's own schema validation", async () => {
    const config = await loadConfig();
    await builder.validateConfiguration(config, { isEnabled: false, add() {} });
    assert.equal(config.appId, 'dev.opsbar.app');
    assert.equal(config.productName, 'Opsbar');
    assert.equal(config.directories.output, 'release');
  });

  test('macOS: dmg and zip for arm64, hardened runtime with entitlements, menu-bar only (LSUIElement)', async () => {
    const { mac } = await loadConfig();
    assert.deepEqual(mac.target, [
      { target: 'dmg', arch: ['arm64'] },
      { target: 'zip', arch: ['arm64'] },
    ]);
    assert.equal(mac.hardenedRuntime, true);
    assert.equal(mac.gatekeeperAssess, false);
    assert.equal(mac.extendInfo.LSUIElement, true);
    assert.equal(mac.category, 'public.app-category.developer-tools');
    assert.equal(mac.entitlementsInherit, mac.entitlements);
    // plist 5 is an ES module only.
    const { parse: parsePlist } = await import('plist');
    const entitlements = parsePlist(readFileSync(join(REPO_ROOT, mac.entitlements), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(entitlements, {
      'com.apple.security.cs.allow-jit': true,
      'com.apple.security.cs.allow-unsigned-executable-memory': true,
      'com.apple.security.cs.disable-library-validation': true,
    });
    assert.ok(!('com.apple.security.app-sandbox' in entitlements), 'no App Sandbox: Opsbar runs docker and nvidia-smi');
  });

  test('Linux: AppImage and deb; the GUI binary is opsbar-app so /usr/bin/opsbar can be the CLI', async () => {
    const { linux, deb } = await loadConfig();
    assert.deepEqual(linux.target.map((t) => t.target), ['AppImage', 'deb']);
    assert.equal(linux.executableName, 'opsbar-app');
    assert.ok(deb.depends.includes('libnss3'), "electron-builder's default dependencies are kept");
    for (const script of [deb.afterInstall, deb.afterRemove]) assert.ok(existsSync(join(REPO_ROOT, script)), script);
    const install = readFileSync(join(REPO_ROOT, deb.afterInstall), 'utf8');
    assert.match(install, /ln -sf "\$OPSBAR_CLI" '\/usr\/bin\/opsbar'/);
    assert.match(install, /OPSBAR_CLI='\/opt\/\$\{sanitizedProductName\}\/resources\/cli\/opsbar'/);
    assert.match(install, /chrome-sandbox/, "electron-builder's own after-install steps are kept");
  });

  test('the deb scripts use only the macros electron-builder fills in, and are valid bash once filled', async () => {
    const { deb } = await loadConfig();
    // FpmTarget's writeConfigFile: `${name}` from these (an unknown one stops the build).
    const macros: Record<string, string> = { executable: 'opsbar-app', sanitizedProductName: 'Opsbar', productFilename: 'Opsbar' };
    const dir = tempDir('opsbar-deb-scripts-');
    for (const script of [deb.afterInstall, deb.afterRemove]) {
      const rendered = readFileSync(join(REPO_ROOT, script), 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (_m, name: string) => {
        assert.ok(name in macros, `${script}: \${${name}} is not an electron-builder macro`);
        return macros[name];
      });
      const file = join(dir, script.split('/').at(-1) ?? 'script');
      writeFileSync(file, rendered);
      execFileSync('bash', ['-n', file]);
      assert.ok(rendered.includes('/opt/Opsbar/resources/cli/opsbar'), `${script} names the installed launcher`);
    }
  });

  test('better-sqlite3 is unpacked from the asar; runbooks, renderer, tray icons and the CLI ship as resources', async () => {
    const config = await loadConfig();
    assert.equal(config.asar, true);
    assert.ok(config.asarUnpack.includes('**/node_modules/better-sqlite3/**'));
    const resources = Object.fromEntries(config.extraResources.map((r) => [r.to, r.from]));
    assert.deepEqual(resources, { runbooks: 'runbooks', renderer: 'dist/renderer', tray: 'resources/tray', 'icon.png': 'resources/icon.png', cli: 'resources/cli' });
    // Every source exists in a built checkout (dist/renderer after `npm run build:renderer`).
    for (const { from } of config.extraResources) assert.ok(existsSync(join(REPO_ROOT, from)), `${from} exists`);
    assert.ok(statSync(join(REPO_ROOT, 'resources', 'cli', 'opsbar')).mode & 0o111, 'the CLI launcher is executable');
    for (const path of [config.mac.icon, config.linux.icon]) assert.ok(existsSync(join(REPO_ROOT, path)), path);
  });

  test('files: the compiled app goes in; sources, tests, bench, docs and the renderer (a resource) stay out', async () => {
    const { files } = await loadConfig();
    const patterns = files.flatMap((set) => (typeof set === 'string' ? [set] : set.filter));
    const filter = new FileMatcher(REPO_ROOT, '/app', (s) => s, patterns).createFilter();
    const file = { isDirectory: () => false };
    const included = (path: string) => filter(join(REPO_ROOT, path), file);
    for (const path of ['package.json', 'bin/opsbar.js', 'dist/node/electron/main/main.js', 'dist/node/electron/core/cli/main.js', 'dist/preload/preload.js']) {
      assert.ok(included(path), `${path} is packed`);
    }
    for (const path of [
      'test/packaging/builderConfig.test.ts',
      'bench/run-bench.mjs',
      'docs/runbook-format.md',
      'electron/main/main.ts',
      'renderer/src/main.tsx',
      'dist/renderer/index.html',
      'dist/node/electron/main/main.js.map',
      'runbooks/daily-health-check.md',
      'scripts/electron-native.mjs',
      'README.md',
    ]) {
      assert.ok(!included(path), `${path} is not packed`);
    }
    // The package.json `main` is among the packed files.
    const main = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string }).main;
    assert.ok(included(main));
  });

  test('npm run dist packages with this file, never publishing', () => {
    const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['dist', 'dist:mac', 'dist:linux']) {
      assert.match(scripts[name], /^npm run build && electron-builder --config electron-builder\.config\.js .*--publish never$/, name);
    }
  });
});
