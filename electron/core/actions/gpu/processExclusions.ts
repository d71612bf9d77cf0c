import { basename } from 'node:path';
import type { ProcessIdentity } from './processIdentity';

/**
 * Processes the GPU action never stops, whoever asks: PID 1, the display server and compositor
 * (stopping it ends the operator's session), and Opsbar itself. Matched by the kernel's name
 * (comm) and by argv[0], so a program cannot dodge the list by its arguments.
 */
const DISPLAY_SERVERS = new Set(
  ['Xorg', 'X', 'Xwayland', 'XWayland', 'Xvfb', 'Xvnc', 'gnome-shell', 'kwin', 'kwin_x11', 'kwin_wayland', 'WindowServer', 'sway', 'weston', 'mutter', 'Hyprland', 'wayfire', 'labwc', 'river', 'cage', 'gamescope', 'cosmic-comp', 'niri', 'gdm-x-session', 'gdm-wayland-session', 'plasmashell'].map((n) => n.toLowerCase()),
);

export interface ExclusionContext {
  /** Opsbar's uid: only its own processes are candidates, unless it runs as root. */
  ownUid: number | null;
  /** Opsbar's PIDs (`deps.ownPids()`). */
  ownPids: readonly number[];
  /** The PID of Opsbar's parent when that is the Electron shell (or null). */
  shellPid: number | null;
}

function isDisplayServer(identity: ProcessIdentity): boolean {
  const names = [identity.comm, identity.argv[0] ? basename(identity.argv[0]) : ''];
  return names.some((name) => DISPLAY_SERVERS.has(name.toLowerCase()));
}

/** Why this process is kept (never an item), or null when it may be stopped. */
export function exclusionReason(identity: ProcessIdentity, context: ExclusionContext): string | null {
  if (identity.pid === 1) return 'PID 1 (the init process): never stopped';
  if (context.ownPids.includes(identity.pid) || identity.pid === context.shellPid) return 'Opsbar itself: never stopped';
  if (isDisplayServer(identity)) return `${identity.comm}: the display server, never stopped (stopping it ends the desktop session)`;
  if (context.ownUid !== 0) {
    if (identity.uid === null) return 'its owner could not be read: only your own processes are stopped';
    if (identity.uid !== context.ownUid) return `owned by uid ${identity.uid}, not you (uid ${context.ownUid}): only your own processes are stopped; stop it as that user`;
  }
  return null;
}

/** The parent of this process when it is Opsbar's Electron shell (its helpers are Opsbar too). */
export function electronShellPid(parent: ProcessIdentity | null): number | null {
  if (!parent || parent.pid <= 1) return null;
  const names = [parent.comm, parent.argv[0] ? basename(parent.argv[0]) : ''].map((n) => n.toLowerCase());
  return names.some((n) => n.includes('electron') || n.includes('opsbar')) ? parent.pid : null;
}
