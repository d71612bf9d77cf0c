import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * "Start at login" on Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/opsbar.desktop`
 * (default `~/.config/autostart`), which GNOME, KDE, Xfce and the others run at login
 * (freedesktop.org Desktop Application Autostart Specification). Plain Node, no Electron.
 */
export const AUTOSTART_FILE_NAME = 'opsbar.desktop';

export interface XdgAutostartOptions {
  /** The command to start: the AppImage (`$APPIMAGE`), the deb's binary, or electron + the checkout. */
  command: readonly string[];
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export interface XdgAutostart {
  readonly file: string;
  isEnabled(): boolean;
  enable(): void;
  disable(): void;
}

export function autostartDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  // The spec: an unset, empty or relative XDG_CONFIG_HOME means ~/.config.
  const configHome = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(configHome, 'autostart');
}

// Desktop Entry spec, "The Exec key": an argument with a reserved character is double-quoted;
// inside quotes, `"`, `` ` ``, `$` and `\` take a backslash. `%` is a field code, so a literal
// one is `%%`. The whole value is then a string value, whose own escape turns `\` into `\\`.
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

export function quoteExecArgument(argument: string): string {
  if (argument.includes('\n') || argument.includes('\r')) throw new Error('An autostart command cannot contain a line break');
  const percent = argument.replace(/%/g, '%%');
  if (percent !== '' && !RESERVED.test(percent)) return percent;
  return `"${percent.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
}

export function execLine(command: readonly string[]): string {
  if (command.length === 0 || !command[0]) throw new Error('An autostart entry needs a program to start');
  // The string-value escape of the Desktop Entry format: each backslash is written twice.
  return command.map(quoteExecArgument).join(' ').replace(/\\/g, '\\\\');
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Opsbar',
    'Comment=Operations companion for a local AI host',
    `Exec=${execLine(command)}`,
    'Terminal=false',
    'Hidden=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Whether an entry's text starts Opsbar: not hidden, not switched off in GNOME's settings. */
export function entryIsEnabled(text: string): boolean {
  const keys = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z0-9-]+)\s*=\s*(.*)$/.exec(line);
    if (match && !keys.has(match[1])) keys.set(match[1], match[2].trim());
  }
  return keys.get('Hidden') !== 'true' && keys.get('X-GNOME-Autostart-enabled') !== 'false';
}

export function createXdgAutostart(options: XdgAutostartOptions): XdgAutostart {
  const dir = autostartDir(options.env ?? process.env, options.home ?? homedir());
  const file = join(dir, AUTOSTART_FILE_NAME);
  return {
    file,
    isEnabled() {
      if (!existsSync(file)) return false;
      return entryIsEnabled(readFileSync(file, 'utf8'));
    },
    enable() {
      const text = autostartEntry(options.command);
      mkdirSync(dir, { recursive: true });
      // Written aside and renamed: a session starting meanwhile never reads half an entry.
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, text, { mode: 0o644 });
      renameSync(temporary, file);
    },
    disable() {
      rmSync(file, { force: true });
    },
  };
}
