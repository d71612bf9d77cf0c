import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, isAbsolute, sep } from 'node:path';

/**
 * The one place that decides where Opsbar's shipped parts live: the built-in runbooks, the
 * built renderer, the preload, the icons and the Electron build of better-sqlite3.
 *
 * Packaged (electron-builder): the code runs from `<resources>/app.asar` (or an unpacked
 * `<resources>/app` folder), and the parts that must stay plain files are extraResources
 * beside it: `<resources>/runbooks`, `<resources>/renderer`, `<resources>/tray`, and the
 * native module in `<resources>/app.asar.unpacked/…`. Development: everything is in the
 * checkout (`runbooks/`, `dist/renderer`, `resources/tray`, `build/electron-native`).
 *
 * "Packaged" is read from where this file is, not from a flag: `process.resourcesPath` is also
 * set in a development Electron (it points into node_modules/electron), so it counts only when
 * this module itself lives in `<resourcesPath>/app.asar` or `<resourcesPath>/app`.
 */
export interface ResourceLayout {
  packaged: boolean;
  /** The folder with Opsbar's package.json: the checkout, or `<resources>/app.asar`. */
  appRoot: string;
  /** `process.resourcesPath` when packaged; null in development. */
  resourcesDir: string | null;
}

export interface ResourcePaths {
  layout: ResourceLayout;
  runbooksDir: string;
  rendererDir: string;
  preload: string;
  appIcon: string;
  /** `<tray>/tray-ok.png`; Electron loads `tray-ok@2x.png` beside it on HiDPI screens. */
  trayIcon(name: string): string;
  /**
   * better-sqlite3 built for Electron's ABI, when running in Electron and the file exists:
   * packaged, electron-builder's rebuild unpacked from the asar; in a checkout, the build of
   * scripts/electron-native.mjs. Undefined: better-sqlite3 finds its own (plain Node).
   */
  sqliteNativeBinding: string | undefined;
}

export interface LayoutInputs {
  /** `process.resourcesPath` (Electron sets it; a packaged-like test sets it by hand). */
  resourcesPath?: string;
  /** Where this module is: `__dirname`. */
  moduleDir: string;
}

const APP_FOLDERS = ['app.asar', 'app'];

function isInside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!!path && !path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
}

/** The folder with Opsbar's package.json (name "opsbar"), walking up from `start`. */
export function findAppRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'opsbar') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find Opsbar's package.json above ${start}`);
    dir = parent;
  }
}

export function detectLayout(inputs: LayoutInputs = { resourcesPath: currentResourcesPath(), moduleDir: __dirname }): ResourceLayout {
  const resources = inputs.resourcesPath;
  if (resources) {
    const appFolder = APP_FOLDERS.map((name) => join(resources, name)).find((folder) => isInside(folder, inputs.moduleDir));
    if (appFolder) return { packaged: true, appRoot: appFolder, resourcesDir: resources };
  }
  return { packaged: false, appRoot: findAppRoot(inputs.moduleDir), resourcesDir: null };
}

export interface PathOptions {
  /** Running inside Electron (`process.versions.electron`): only then is an Electron-ABI binding wanted. */
  electron?: boolean;
  exists?: (path: string) => boolean;
}

export function resourcePathsFor(layout: ResourceLayout, options: PathOptions = {}): ResourcePaths {
  const exists = options.exists ?? existsSync;
  const electron = options.electron ?? Boolean(process.versions.electron);
  const root = layout.appRoot;
  const shipped = layout.packaged && layout.resourcesDir ? layout.resourcesDir : null;
  const trayDir = shipped ? join(shipped, 'tray') : join(root, 'resources', 'tray');
  const binding = shipped
    ? join(shipped, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
    : join(root, 'build', 'electron-native', 'better_sqlite3.node');
  return {
    layout,
    runbooksDir: shipped ? join(shipped, 'runbooks') : join(root, 'runbooks'),
    rendererDir: shipped ? join(shipped, 'renderer') : join(root, 'dist', 'renderer'),
    // Inside the asar: Electron loads a preload from there.
    preload: join(root, 'dist', 'preload', 'preload.js'),
    appIcon: shipped ? join(shipped, 'icon.png') : join(root, 'resources', 'icon.png'),
    trayIcon: (name) => join(trayDir, `${name}.png`),
    sqliteNativeBinding: electron && exists(binding) ? binding : undefined,
  };
}

let cached: ResourcePaths | null = null;

/** The paths of this process (computed once). */
export function resourcePaths(): ResourcePaths {
  cached ??= resourcePathsFor(detectLayout());
  return cached;
}

function currentResourcesPath(): string | undefined {
  const value = (process as { resourcesPath?: unknown }).resourcesPath;
  return typeof value === 'string' && value ? value : undefined;
}
