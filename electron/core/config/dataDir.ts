import { homedir as osHomedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface DataDirInputs {
  /** Command-line arguments; `--data-dir DIR` or `--data-dir=DIR` wins over everything. */
  argv?: string[];
  /** An already-parsed `--data-dir` value. */
  flag?: string;
  env?: NodeJS.ProcessEnv;
  /** Electron's `app.getPath('userData')` when running in the shell. */
  platformDefault?: string;
  platform?: NodeJS.Platform;
  homedir?: string;
}

/** The platform's per-user app-data folder for "Opsbar", as Electron's userData would be. */
export function defaultDataDir(platform: NodeJS.Platform, home: string, env: NodeJS.ProcessEnv): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Opsbar');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Opsbar');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Opsbar');
}

function flagFromArgv(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir') return argv[i + 1];
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}

/** One rule for the app, the server and the CLI: flag, then OPSBAR_DATA_DIR, then the platform default. */
export function resolveDataDir(inputs: DataDirInputs = {}): string {
  const env = inputs.env ?? process.env;
  const chosen =
    inputs.flag ||
    (inputs.argv && flagFromArgv(inputs.argv)) ||
    env.OPSBAR_DATA_DIR ||
    inputs.platformDefault ||
    defaultDataDir(inputs.platform ?? process.platform, inputs.homedir ?? osHomedir(), env);
  return resolve(chosen);
}
