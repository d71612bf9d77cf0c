#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into build/electron-native/better_sqlite3.node,
// leaving node_modules' build (Node's ABI, which the tests use) untouched. The shell passes
// that file to the core as `sqliteNativeBinding` (better-sqlite3's `nativeBinding` option).
//
// Usage: node scripts/electron-native.mjs [--force]
// Needs a C++ toolchain and Electron's headers: downloaded from https://electronjs.org/headers,
// or, offline, an unpacked header folder named by ELECTRON_HEADERS_DIR (node-gyp --nodedir).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'build', 'electron-native');
const target = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'better_sqlite3.stamp.json');
const force = process.argv.includes('--force');

function fail(message) {
  rmSync(join(outDir, 'src'), { recursive: true, force: true });
  console.error(`\nelectron-native: ${message}`);
  console.error('electron-native: node_modules/better-sqlite3 (built for Node) was not touched; the tests do not need this build, `electron .` does.');
  process.exit(1);
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
let electronVersion;
let sqliteDir;
let nodeGyp;
try {
  electronVersion = readJson(require.resolve('electron/package.json')).version;
  sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
} catch (error) {
  fail(`missing a dev dependency (electron, better-sqlite3 or node-gyp): ${error.message}`);
}
const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version;
const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch };

if (!force && existsSync(target) && existsSync(stampFile)) {
  const previous = readJson(stampFile);
  if (JSON.stringify(previous) === JSON.stringify(stamp)) {
    console.log(`electron-native: ${relative(root, target)} is up to date (Electron ${electronVersion}, better-sqlite3 ${sqliteVersion}).`);
    process.exit(0);
  }
}

// Build in a copy, so node_modules keeps its Node-ABI binary.
const workDir = join(outDir, 'src', 'better-sqlite3');
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
cpSync(sqliteDir, workDir, {
  recursive: true,
  filter: (source) => {
    const rel = relative(sqliteDir, source);
    return rel !== 'build' && !rel.startsWith(`build${sep}`) && rel !== 'node_modules' && !rel.startsWith(`node_modules${sep}`);
  },
});

const headersDir = process.env.ELECTRON_HEADERS_DIR;
const args = [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', `--arch=${process.arch}`];
args.push(headersDir ? `--nodedir=${headersDir}` : '--dist-url=https://electronjs.org/headers');

// npm passes its config to children as npm_config_*; a user-level `nodedir` (Node's headers)
// or `target` there would silently build for the wrong ABI.
const env = { ...process.env };
for (const key of Object.keys(env)) {
  if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|build_from_source)$/i.test(key)) delete env[key];
}

console.log(`electron-native: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})…`);
const result = spawnSync(process.execPath, args, { cwd: workDir, env, stdio: 'inherit' });
const built = join(workDir, 'build', 'Release', 'better_sqlite3.node');
if (result.error || result.status !== 0 || !existsSync(built)) {
  fail(
    `could not build better-sqlite3 for Electron ${electronVersion} (node-gyp ${result.error ? `failed to start: ${result.error.message}` : `exited with ${result.status}`}).\n` +
      'electron-native: it needs Electron\'s headers — internet access to https://electronjs.org/headers, or set ELECTRON_HEADERS_DIR to an unpacked node-headers folder for this Electron version — and a C++ toolchain (python3, make, g++ / Xcode CLT / MSVC).',
  );
}
copyFileSync(built, target);
writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
rmSync(join(outDir, 'src'), { recursive: true, force: true });
console.log(`electron-native: wrote ${relative(root, target)}.`);
