import type { Logger } from '../core/logger';

/** The part of Electron's `shell` the opener needs. */
export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export interface ExternalLinkOptions {
  /** When given, only these hosts (exact, lower-case) may be opened. */
  allowedHosts?: readonly string[];
  log?: Pick<Logger, 'warn'>;
}

/** Why a URL may not leave the app, or null when it may. */
export function refusalReason(url: unknown, allowedHosts?: readonly string[]): string | null {
  if (typeof url !== 'string' || url.length === 0) return 'not a URL';
  if (url.length > 2048) return 'URL too long';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:') return `scheme ${parsed.protocol} is not allowed (https only)`;
  if (parsed.username || parsed.password) return 'URLs with credentials are not opened';
  if (allowedHosts && !allowedHosts.includes(parsed.hostname.toLowerCase())) return `host ${parsed.hostname} is not on the allow-list`;
  return null;
}

/**
 * The one way a link leaves the app (Fiddle's habit): https only, optionally an allow-list
 * of hosts; everything else is refused and logged. Resolves true when the link was handed
 * to the operating system.
 */
export async function openExternalSafely(url: unknown, shell: ShellLike, options: ExternalLinkOptions = {}): Promise<boolean> {
  const reason = refusalReason(url, options.allowedHosts);
  if (reason) {
    options.log?.warn(`Refused to open external link ${JSON.stringify(String(url).slice(0, 200))}: ${reason}.`);
    return false;
  }
  try {
    await shell.openExternal(new URL(url as string).href);
    return true;
  } catch (error) {
    options.log?.warn(`Could not open ${String(url).slice(0, 200)}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
