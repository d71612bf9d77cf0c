import { join } from 'node:path';

/** Where the shell finds its built parts, from the app root (the folder with package.json). */
export function appPaths(appRoot: string) {
  return {
    rendererDir: join(appRoot, 'dist', 'renderer'),
    preload: join(appRoot, 'dist', 'preload', 'preload.js'),
    appIcon: join(appRoot, 'resources', 'icon.png'),
    /** `resources/tray/tray-ok.png`; Electron loads `tray-ok@2x.png` beside it on HiDPI screens. */
    trayIcon: (name: string) => join(appRoot, 'resources', 'tray', `${name}.png`),
    /** better-sqlite3 built against Electron's ABI by scripts/electron-native.mjs. */
    electronSqliteBinding: join(appRoot, 'build', 'electron-native', 'better_sqlite3.node'),
  };
}
