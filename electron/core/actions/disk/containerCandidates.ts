import { formatBytes } from '../../../../shared/format/bytes';
import { withDeadline } from '../docker/dockerAdmin';
import { readLogFileFacts, refuseLogPath, TRUNCATABLE_LOG_DRIVERS } from './containerLogs';
import { type CandidateSet, daysAgo, emptyCandidates } from './diskItems';
import { inspectContainer } from './engineCalls';
import { containerName, type DockerView, isProtected, PLAN_CALL_MS, REMOVABLE_STATES } from './dockerView';

/** Stopped containers are items (their writable layer is freed); running, paused, restarting and protected ones are kept. */
export function planContainers(view: DockerView, now: number): CandidateSet & { planned: Set<string> } {
  const out = { ...emptyCandidates(), planned: new Set<string>() };
  for (const c of view.containers) {
    const name = containerName(c);
    if (isProtected(c.Labels)) {
      out.kept.push({ id: `container:${c.Id}`, kind: 'container', name, reason: 'labelled opsbar.protect=true' });
    } else if (!REMOVABLE_STATES.has(c.State)) {
      out.kept.push({ id: `container:${c.Id}`, kind: 'container', name, reason: `${c.State}: never removed` });
    } else {
      out.planned.add(c.Id);
      // The engine leaves SizeRw out when it is 0 (omitempty); SizeRootFs says the sizes were computed.
      const sized = c as { SizeRw?: number; SizeRootFs?: number };
      const bytes = sized.SizeRw ?? (sized.SizeRootFs !== undefined ? 0 : null);
      out.items.push({
        id: `container:${c.Id}`,
        kind: 'container.remove',
        name,
        bytes,
        reason: `${c.State} (created ${daysAgo(c.Created * 1000, now)}), writable layer ${bytes === null ? 'size unknown' : formatBytes(bytes)}; its volumes stay`,
        selected: true,
        facts: { id: c.Id, state: c.State, imageId: c.ImageID, created: c.Created },
      });
    }
  }
  return out;
}

/** Inspects this many containers at once for their log files. */
const INSPECT_CONCURRENCY = 8;

/**
 * Logs over the limit of containers that stay (a removed container's log goes with it), json-file
 * and local drivers only, the file Docker names in LogPath, on this machine only.
 */
export async function planLogs(view: DockerView, overMb: number, removed: ReadonlySet<string>): Promise<CandidateSet> {
  const out = emptyCandidates();
  const root = view.localRoot;
  if (!root) {
    out.notes.push('Container logs were not checked: the Docker engine is not on this machine, so its log files cannot be reached.');
    return out;
  }
  const limit = overMb * 1_000_000;
  const candidates = view.containers.filter((c) => !removed.has(c.Id) && !isProtected(c.Labels));
  let unreadable = 0;
  for (let i = 0; i < candidates.length; i += INSPECT_CONCURRENCY) {
    const batch = candidates.slice(i, i + INSPECT_CONCURRENCY);
    const found = await Promise.all(
      batch.map(async (c) => {
        try {
          const inspect = await withDeadline(`Docker inspect of ${containerName(c)}`, PLAN_CALL_MS, new AbortController().signal, (signal) =>
            inspectContainer(view.docker, c.Id, signal),
          );
          const driver = inspect.HostConfig?.LogConfig?.Type ?? '';
          const path = inspect.LogPath;
          if (!TRUNCATABLE_LOG_DRIVERS.has(driver) || !path) return null;
          const facts = await readLogFileFacts(path);
          if (!facts || facts.size <= limit) return null;
          const refusal = await refuseLogPath(path, root);
          if (refusal) {
            out.kept.push({ id: `log:${c.Id}`, kind: 'log', name: containerName(c), reason: `log not truncated: ${refusal}` });
            return null;
          }
          return { c, path, facts, driver };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EACCES') unreadable++;
          return null;
        }
      }),
    );
    for (const entry of found) {
      if (!entry) continue;
      const { c, path, facts, driver } = entry;
      out.items.push({
        id: `log:${c.Id}`,
        kind: 'log.truncate',
        name: `${containerName(c)} log`,
        bytes: facts.size,
        reason: `log ${formatBytes(facts.size)} (over ${overMb} MB, ${driver} driver), truncated to 0; the container is not touched`,
        selected: true,
        facts: { containerId: c.Id, logPath: path, inode: facts.inode, device: facts.device, dockerRoot: root },
      });
    }
  }
  if (unreadable > 0) out.notes.push(`${unreadable} container log file(s) could not be read as this user (permission denied): run Opsbar as a user that can read ${root}/containers to plan them.`);
  return out;
}
