import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { SnapshotView, StackSnapshot } from '../../../../shared/types/actions';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { DockerClientProvider } from '../../monitors/docker/dockerClientProvider';
import { RefusedError } from '../../refusedError';
import type { AuditEntry } from '../../store/auditLog';
import type { SnapshotLog } from '../../store/snapshotLog';
import { createAutoSnapshots } from './autoSnapshots';
import { captureStack, type StackCapture } from './captureStack';
import { dockerCallsFor, dockerMessage, isNotFound, type DockerCall } from './dockerCalls';
import { tagSnapshotImages } from './protectedTags';
import { stackDigest } from './snapshotDigest';
import { snapshotDifferences } from './snapshotDiff';
import { applySnapshotRetention } from './snapshotRetention';
import type { SnapshotService } from './snapshotService';

export interface SnapshotServiceOptions {
  clock: Clock;
  log: Logger;
  settings(): Settings;
  docker: DockerClientProvider;
  dockerAdmin(): Dockerode;
  store(): SnapshotLog;
  audit(entry: AuditEntry): void;
  role: 'app' | 'cli';
  /** Deadline of one Docker call (default 30 s). */
  callTimeoutMs?: number;
}

/** What the rollback action needs beyond the service's interface: the stack as it is now. */
export interface SnapshotServiceInternals extends SnapshotService {
  /** The digest of a stack as it runs now. */
  currentDigest(stack: string): Promise<string>;
}

/**
 * Known-good stack snapshots: capture (inspect every container, read the compose files), tag
 * every image `opsbar-snapshot/<stack>:<time>-<n>`, store, keep `keepPerStack`; the list says
 * what differs from now; the app takes one by itself when a stack has been healthy long enough.
 */
export function createSnapshotService(options: SnapshotServiceOptions): SnapshotServiceInternals {
  const stopping = new AbortController();
  const call: DockerCall = dockerCallsFor(stopping.signal, options.callTimeoutMs ?? 30_000);
  // Opsbar itself takes the automatic and pre-rollback ones; a manual one is the operator's (the CLI's in a CLI run).
  const actorOf = (reason: StackSnapshot['reason']) => (reason !== 'manual' ? 'opsbar' : options.role === 'cli' ? 'cli' : 'operator');

  async function take(stack: string, reason: StackSnapshot['reason']): Promise<StackSnapshot> {
    const at = options.clock.now();
    try {
      const docker = options.dockerAdmin();
      const capture = await captureStack(stack, docker, call, { files: true });
      if (capture.containers.length === 0) throw new RefusedError(`Stack ${stack} has no containers: there is nothing to snapshot (is the compose project name right?).`);
      const log = options.store();
      const containers = capture.containers.map((c) => c.snapshot);
      const tagsInUse = new Set(log.list(stack).flatMap((s) => s.tags));
      const tagged = await tagSnapshotImages(stack, at, containers, tagsInUse, docker, call);
      const problems = [...capture.problems, ...tagged.problems, ...capture.files.flatMap((f) => (f.problem ? [f.problem] : []))];
      const snapshot: StackSnapshot = {
        id: `snap-${randomBytes(8).toString('hex')}`,
        stack,
        takenAt: at,
        reason,
        tags: tagged.tags,
        containers,
        files: capture.files,
        volumes: capture.volumes,
        // Files are a bonus: the containers' configs and their images are what a rollback needs.
        complete: capture.problems.length === 0 && tagged.problems.length === 0,
        problems,
      };
      log.add(snapshot, stackDigest(containers));
      options.audit({
        at: options.clock.now(),
        actor: actorOf(reason),
        action: 'snapshot.take',
        target: stack,
        outcome: 'succeeded',
        details: { snapshotId: snapshot.id, reason, containers: containers.map((c) => c.name), tags: snapshot.tags, complete: snapshot.complete, problems },
      });
      const removed = await applySnapshotRetention(stack, options.settings().emergency.snapshots.keepPerStack, log, docker, call, options.log);
      if (removed.length > 0) options.log.info(`Removed ${removed.length} old snapshot(s) of ${stack} (keepPerStack ${options.settings().emergency.snapshots.keepPerStack}).`);
      return snapshot;
    } catch (error) {
      options.audit({ at: options.clock.now(), actor: actorOf(reason), action: 'snapshot.take', target: stack, outcome: 'failed', details: { reason, error: dockerMessage(error) } });
      throw error;
    }
  }

  async function currentDigest(stack: string): Promise<string> {
    const capture = await captureStack(stack, options.dockerAdmin(), call, { files: false });
    return stackDigest(capture.containers.map((c) => c.snapshot));
  }

  async function list(stack?: string): Promise<SnapshotView[]> {
    const snapshots = options.store().list(stack);
    const now = new Map<string, StackCapture | string>();
    const present = new Map<string, boolean>();
    let docker: Dockerode | null = null;
    let unreachable: string | null = null;
    try {
      docker = options.dockerAdmin();
    } catch (error) {
      unreachable = (error as Error).message;
    }
    const imagePresent = async (id: string): Promise<boolean> => {
      if (!docker) return false;
      if (!present.has(id)) {
        const client = docker;
        present.set(
          id,
          await call(`inspecting image ${id.slice(0, 19)}`, (abortSignal) => client.getImage(id).inspect({ abortSignal } as object)).then(
            () => true,
            (error: unknown) => (isNotFound(error) ? false : Promise.reject(error)),
          ),
        );
      }
      return present.get(id) as boolean;
    };
    const views: SnapshotView[] = [];
    for (const snapshot of snapshots) {
      let differences: string[];
      let imagesPresent = false;
      if (!docker) differences = [`Docker is not reachable (${unreachable}): what differs from now is not known.`];
      else {
        const client = docker;
        if (!now.has(snapshot.stack)) now.set(snapshot.stack, await captureStack(snapshot.stack, client, call, { files: false }).catch((error: unknown) => dockerMessage(error)));
        const current = now.get(snapshot.stack) as StackCapture | string;
        differences =
          typeof current === 'string'
            ? [`The stack could not be read (${current}): what differs from now is not known.`]
            : snapshotDifferences(snapshot.containers, current.containers.map((c) => c.snapshot));
        try {
          imagesPresent = (await Promise.all([...new Set(snapshot.containers.map((c) => c.imageId))].map(imagePresent))).every(Boolean);
        } catch {
          imagesPresent = false;
        }
      }
      views.push({ snapshot: viewOf(snapshot), differences, imagesPresent });
    }
    return views;
  }

  const auto = createAutoSnapshots({
    clock: options.clock,
    log: options.log,
    settings: options.settings,
    newestDigest: (stack) => {
      const newest = options.store().list(stack)[0];
      return newest ? options.store().digestOf(newest.id) : null;
    },
    currentDigest,
    take: (stack) => take(stack, 'auto'),
  });

  return {
    list,
    take,
    currentDigest,
    get: (id) => options.store().get(id),
    protectedImageIds: () => new Set(options.store().list().flatMap((s) => s.containers.map((c) => c.imageId))),
    onStatus: (status) => {
      if (options.role !== 'app' || stopping.signal.aborted) return;
      auto.onStatus(status);
    },
    async stop() {
      stopping.abort(new Error('Opsbar is stopping'));
      await auto.idle();
    },
  };
}

function viewOf(snapshot: StackSnapshot): SnapshotView['snapshot'] {
  return {
    ...snapshot,
    containers: snapshot.containers.map(({ create, ...rest }) => (void create, rest)),
    files: snapshot.files.map((f) => ({ path: f.path, readable: f.content !== null })),
  };
}
