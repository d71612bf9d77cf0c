// Opsbar's packaging (electron-builder 26). `npm run dist` builds, then packages for this OS
// (`npm run dist:mac` / `dist:linux` for one). It needs a machine that can download Electron;
// see the README for what was never run. test/packaging/builderConfig.test.ts loads this file
// with electron-builder's own loader and schema and checks every path it names.
//
// Where things land (electron/core/resourcePaths.ts reads them from there):
//   <resources>/app.asar                 package.json, bin/, dist/node, dist/preload, icons
//   <resources>/app.asar.unpacked/…      better-sqlite3, rebuilt for Electron's ABI
//   <resources>/runbooks, renderer, tray, cli/opsbar, icon.png   plain files (extraResources)

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.opsbar.app',
  productName: 'Opsbar',
  copyright: 'Copyright © Opsbar contributors',
  directories: { output: 'release', buildResources: 'resources' },
  // The compiled app only; node_modules' production dependencies are added by electron-builder.
  files: [
    'package.json',
    'bin/**',
    'dist/node/**',
    'dist/preload/**',
    // Shipped as extraResources instead (plain files outside the asar).
    '!dist/renderer/**',
    '!**/*.map',
    '!**/*.tsbuildinfo',
    '!{test,bench,docs,scripts,renderer,shared,electron,runbooks,build,release,test-results}/**',
    '!**/*.{ts,tsx,mts}',
    '!**/{README,CHANGELOG}*.md',
    // better-sqlite3's C sources (SQLite's amalgamation): only build/Release/*.node and lib/ run.
    '!**/node_modules/better-sqlite3/{deps,src}/**',
  ],
  extraResources: [
    { from: 'runbooks', to: 'runbooks', filter: ['**/*'] },
    { from: 'dist/renderer', to: 'renderer', filter: ['**/*'] },
    { from: 'resources/tray', to: 'tray', filter: ['*.png'] },
    { from: 'resources/icon.png', to: 'icon.png' },
    { from: 'resources/cli', to: 'cli', filter: ['opsbar'] },
  ],
  asar: true,
  // A native module cannot be loaded from inside an asar: better-sqlite3 stays a plain folder.
  asarUnpack: ['**/node_modules/better-sqlite3/**', '**/*.node'],
  // install-app-deps: better-sqlite3 is rebuilt against the packaged Electron's headers.
  npmRebuild: true,
  buildDependenciesFromSource: false,
  // Flipped in the binary at packaging time, before signing (test/electron/packagingFuses.test.ts).
  electronFuses: {
    // The `opsbar` command runs the binary with --opsbar-cli instead (resources/cli/opsbar).
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  },
  mac: {
    target: [
      { target: 'dmg', arch: ['arm64'] },
      { target: 'zip', arch: ['arm64'] },
    ],
    category: 'public.app-category.developer-tools',
    icon: 'resources/icon.png',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'resources/mac/entitlements.mac.plist',
    entitlementsInherit: 'resources/mac/entitlements.mac.plist',
    // A menu-bar app: no Dock icon, no app menu (main.ts also hides the Dock in development).
    extendInfo: { LSUIElement: true },
  },
  dmg: { title: 'Opsbar ${version}' },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    category: 'System;Monitor',
    icon: 'resources/icon.png',
    // `opsbar` on the PATH is the CLI (resources/cli/opsbar); the tray app is `opsbar-app`.
    executableName: 'opsbar-app',
    synopsis: 'Operations companion for a local AI host',
    maintainer: 'Opsbar contributors <opsbar@users.noreply.github.com>',
    desktop: { entry: { Name: 'Opsbar', Comment: 'Operations companion for a local AI host', StartupWMClass: 'Opsbar' } },
  },
  deb: {
    // electron-builder's default list (FpmTarget), kept: setting `depends` replaces it.
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
    recommends: ['docker.io | docker-ce'],
    afterInstall: 'resources/linux/after-install.sh',
    afterRemove: 'resources/linux/after-remove.sh',
  },
  publish: null,
};
