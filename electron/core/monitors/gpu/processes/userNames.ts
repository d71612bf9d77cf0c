import type { Clock } from '../../../clock';
import { readSmallFile } from './procFiles';

/** `name:password:uid:…` lines → uid → name (the first name wins, as getpwuid does). */
export function parsePasswd(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [name, , uid] = line.split(':');
    if (!name || uid === undefined || !/^\d+$/.test(uid)) continue;
    const id = Number(uid);
    if (!names.has(id)) names.set(id, name);
  }
  return names;
}

export interface UserNames {
  /** The user name of `uid`, or the uid as text when the passwd file does not know it. */
  nameOf(uid: number): string;
}

/**
 * User names from a passwd file, read again at most every `ttlMs` (users are added rarely; the
 * GPU list is read every few seconds). Users only a directory service knows show as their uid.
 */
export function createUserNames(passwdPath: string, clock: Clock, ttlMs = 5 * 60_000): UserNames {
  let cached: { names: Map<number, string>; at: number } | null = null;
  return {
    nameOf(uid) {
      if (!cached || clock.now() - cached.at > ttlMs) {
        const text = readSmallFile(passwdPath, 4 * 1024 * 1024);
        cached = { names: text === null ? new Map() : parsePasswd(text), at: clock.now() };
      }
      return cached.names.get(uid) ?? String(uid);
    },
  };
}
