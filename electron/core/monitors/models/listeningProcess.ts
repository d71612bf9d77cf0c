/**
 * Which process listens on a loopback TCP port (Linux): the socket inodes in LISTEN state for the
 * port, from /proc/net/tcp and /proc/net/tcp6, then the process holding one of them among the
 * `socket:[inode]` links of /proc/<pid>/fd. Used to map a model server to its GPU process.
 *
 *   const pid = await listeningPid(11434);               // 4711, or null
 *   const pid = await listeningPid(8080, { preferPids: [gpuPid] });   // checks those first
 *
 * Bounded: at most `maxFds` fd links are read in all (a host with huge fd tables costs that much
 * and no more). Not Linux, /proc unreadable, or not found within the bound: null, never an error.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

export interface ListeningPidOptions {
  /** PIDs whose fds are read first (e.g. GPU processes and their parents). */
  preferPids?: readonly number[];
  /** Fd links read at most across every process. */
  maxFds?: number;
  procRoot?: string;
}

export const DEFAULT_MAX_FDS = 4_000;
const LISTEN_STATE = '0A';

export async function listeningPid(port: number, options: ListeningPidOptions = {}): Promise<number | null> {
  if (process.platform !== 'linux' && !options.procRoot) return null;
  const procRoot = options.procRoot ?? '/proc';
  const inodes = await listeningInodes(procRoot, port);
  if (inodes.size === 0) return null;
  let budget = options.maxFds ?? DEFAULT_MAX_FDS;
  const others = await numericEntries(procRoot);
  const preferred = (options.preferPids ?? []).filter((pid) => Number.isInteger(pid) && pid > 0);
  const order = [...new Set([...preferred, ...others])];
  for (const pid of order) {
    if (budget <= 0) return null;
    const fdDir = join(procRoot, String(pid), 'fd');
    let fds: string[];
    try {
      fds = await fs.readdir(fdDir);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      if (budget-- <= 0) return null;
      const target = await fs.readlink(join(fdDir, fd)).catch(() => '');
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match && inodes.has(match[1])) return pid;
    }
  }
  return null;
}

/** Inodes of the sockets listening on `port` (IPv4 and IPv6 tables). */
export async function listeningInodes(procRoot: string, port: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const table of ['tcp', 'tcp6']) {
    const text = await fs.readFile(join(procRoot, 'net', table), 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      // "  0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000  0 123456 …"
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== LISTEN_STATE) continue;
      const localPort = parseInt(fields[1].split(':').pop() ?? '', 16);
      if (localPort === port && fields[9] !== '0') inodes.add(fields[9]);
    }
  }
  return inodes;
}

async function numericEntries(procRoot: string): Promise<number[]> {
  const entries = await fs.readdir(procRoot).catch(() => [] as string[]);
  return entries.filter((name) => /^\d+$/.test(name)).map(Number);
}

/** The parent PID of a process (from /proc/<pid>/stat), or null. */
export async function parentPid(pid: number, procRoot = '/proc'): Promise<number | null> {
  const stat = await fs.readFile(join(procRoot, String(pid), 'stat'), 'utf8').catch(() => null);
  if (!stat) return null;
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
  const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(after[1]);
  return Number.isInteger(ppid) && ppid > 0 ? ppid : null;
}
