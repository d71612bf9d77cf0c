import { resourcePaths } from '../core/resourcePaths';

/** Where the shell finds its built parts; electron/core/resourcePaths.ts decides (packaged or checkout). */
export function appPaths() {
  const paths = resourcePaths();
  return {
    rendererDir: paths.rendererDir,
    preload: paths.preload,
    appIcon: paths.appIcon,
    trayIcon: paths.trayIcon,
    /** better-sqlite3 for Electron's ABI (unpacked from the asar, or scripts/electron-native.mjs's build); undefined: none found. */
    sqliteNativeBinding: paths.sqliteNativeBinding,
  };
}
