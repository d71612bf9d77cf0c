import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Where the driver installs nvidia-smi when PATH lacks it: a tray app started by the desktop
 * often gets a short PATH; NVIDIA's container toolkit uses /usr/local/nvidia/bin, WSL2
 * /usr/lib/wsl/lib.
 */
export const DRIVER_FOLDERS: readonly string[] = ['/usr/bin', '/usr/local/nvidia/bin', '/usr/lib/wsl/lib'];

export interface NvidiaSmiLocation {
  /** gpu.nvidiaSmiPath; empty means look it up. A bare name is looked up like an empty one. */
  configured: string;
  /** The PATH to search (process.env.PATH in production). */
  envPath: string | undefined;
  /** Whether an executable file is there. */
  exists(path: string): boolean;
}

/** The path to run, or null when there is no nvidia-smi (where it looked is in `looked`). */
export function locateNvidiaSmi(input: NvidiaSmiLocation): { path: string | null; looked: string[] } {
  const configured = input.configured.trim();
  if (configured.includes('/')) return { path: input.exists(configured) ? configured : null, looked: [configured] };
  const name = configured || 'nvidia-smi';
  const folders = [...(input.envPath ?? '').split(delimiter).filter((f) => f.startsWith('/')), ...DRIVER_FOLDERS];
  const looked = [...new Set(folders)].map((folder) => join(folder, name));
  return { path: looked.find((candidate) => input.exists(candidate)) ?? null, looked };
}

/** The production `exists`: a regular file this user may execute. */
export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
