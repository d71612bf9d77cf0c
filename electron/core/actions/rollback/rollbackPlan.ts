import type Dockerode from 'dockerode';
import type { RollbackActionParams } from '../../../../shared/api/contract/actions';
import type { KeptItem, PlanItem, StackSnapshot } from '../../../../shared/types/actions';
import type { ActionDeps, PlanDraft } from '../actionPlugin';
import { captureStack, type StackCapture } from './captureStack';
import { COMPOSE_PROJECT_LABEL } from './containerCreateConfig';
import { dockerCallsFor, dockerMessage, type DockerCall } from './dockerCalls';
import { rollbackPreconditions, snapshotNetworks } from './rollbackPreconditions';
import { stackDigest } from './snapshotDigest';
import { snapshotTime } from './snapshotTime';
import { startOrder } from './startOrder';

/** Deadline of one Docker call while planning (nothing is touched; the plan view waits on it). */
const PLAN_CALL_MS = 30_000;

/**
 * The rollback as a sequence: back the volumes up (optional), snapshot what runs now (the
 * roll-forward), stop and remove the current containers, create the snapshot's, start them in
 * dependency order, wait for health. Preconditions fail the plan before anything is listed.
 */
export async function planRollback(params: RollbackActionParams, deps: ActionDeps): Promise<PlanDraft> {
  const { stack } = params;
  const refused = (title: string, reason: string): PlanDraft => ({ title, items: [], kept: [], notes: [], refusals: [reason] });
  let docker: Dockerode;
  try {
    docker = deps.dockerAdmin();
  } catch (error) {
    return refused(`Roll back ${stack}`, (error as Error).message);
  }
  const call = dockerCallsFor(new AbortController().signal, PLAN_CALL_MS);
  let current: StackCapture;
  try {
    current = await captureStack(stack, docker, call, { files: false });
  } catch (error) {
    return refused(`Roll back ${stack}`, `Docker did not answer while reading stack ${stack} (${dockerMessage(error)}): try again when Docker answers.`);
  }
  const chosen = await chooseSnapshot(params, deps, current);
  if (typeof chosen === 'string') return refused(`Roll back ${stack}`, chosen);
  const snapshot = chosen;
  const title = `Roll back ${stack} to ${snapshotTime(snapshot.takenAt)}`;
  const refusals = [...(await rollbackPreconditions(snapshot, docker, call)), ...current.problems.map((p) => `${p} Try again when every container of ${stack} can be read.`)];
  const backup = params.backupVolumes ?? deps.settings().emergency.rollback.backupVolumes;
  const items = rollbackItems(snapshot, current, backup);
  const kept = await keptItems(snapshot, current, docker, call);
  const { cycle } = startOrder(snapshot.containers);
  const healthTimeout = deps.settings().emergency.rollback.healthTimeout;
  const notes = [
    `Snapshot ${snapshot.id} (${snapshot.reason}, ${snapshot.containers.length} container(s)): complete, its images, volumes and networks present, Docker answering — checked now and again just before the first step.`,
    `Containers are recreated through the Docker API from the stored configuration (same names, compose labels kept), so ${stack} stays a compose project.`,
    `Success only when every container runs and is healthy (when it has a healthcheck) within ${Math.round(healthTimeout / 1000)} s; otherwise the snapshot taken first is offered as the roll-forward.`,
  ];
  if (!backup && snapshot.volumes.length > 0) notes.push('Volumes are not backed up first (backupVolumes is off); they are kept either way.');
  if (cycle.length > 0) notes.push(`depends_on has a cycle (${cycle.join(', ')}): those start in name order.`);
  const anonymous = snapshot.containers.filter((c) => c.mounts.some((m) => m.type === 'volume' && m.name && /^[0-9a-f]{64}$/.test(m.name)));
  if (anonymous.length > 0) notes.push(`${anonymous.map((c) => c.name).join(', ')} use anonymous volumes: the recreated containers get new, empty ones (the old ones are kept).`);
  return { title, items, kept, notes, refusals };
}

async function chooseSnapshot(params: RollbackActionParams, deps: ActionDeps, current: StackCapture): Promise<StackSnapshot | string> {
  if (params.snapshotId) {
    const snapshot = deps.snapshots.get(params.snapshotId);
    if (!snapshot) return `No snapshot ${params.snapshotId} is stored: list them with \`opsbar snapshots --stack ${params.stack}\`.`;
    if (snapshot.stack !== params.stack) return `Snapshot ${params.snapshotId} is of stack ${snapshot.stack}, not ${params.stack}.`;
    return snapshot;
  }
  const now = stackDigest(current.containers.map((c) => c.snapshot));
  const views = await deps.snapshots.list(params.stack);
  const view = views.find((v) => v.snapshot.complete && stackDigest(v.snapshot.containers) !== now);
  const snapshot = view ? deps.snapshots.get(view.snapshot.id) : null;
  return snapshot ?? `No snapshot of ${params.stack} differs from what runs now: there is nothing to roll back to (take one with \`opsbar snapshot take ${params.stack}\` when it is healthy).`;
}

function item(id: string, kind: string, name: string, reason: string, facts: PlanItem['facts']): PlanItem {
  return { id, kind, name, bytes: null, reason, selected: true, facts };
}

function rollbackItems(snapshot: StackSnapshot, current: StackCapture, backup: boolean): PlanItem[] {
  const snapshotId = snapshot.id;
  const items: PlanItem[] = [];
  if (backup) for (const v of snapshot.volumes) items.push(item(`rollback.backup:${v}`, 'rollback.backup', `volume ${v}`, 'a tar of the volume, listed to verify it, before anything stops', { volume: v, snapshotId }));
  items.push(
    item('rollback.snapshot', 'rollback.snapshot', `snapshot of ${snapshot.stack} as it runs now`, 'the roll-forward: what runs now, so this rollback can be undone', { stack: snapshot.stack, snapshotId }),
  );
  // Dependents stop first: the reverse of the start order.
  const stopping = startOrder(current.containers.map((c) => ({ ...c, service: c.snapshot.service, dependsOn: c.snapshot.dependsOn }))).order.reverse();
  const inSnapshot = new Set(snapshot.containers.map((c) => c.name));
  for (const c of stopping) {
    const gone = inSnapshot.has(c.name) ? '' : '; not in the snapshot, so it is not created again';
    items.push(item(`rollback.stop:${c.name}`, 'rollback.stop', c.name, `now ${c.state} on ${c.snapshot.imageRef}${gone}`, { containerId: c.id, snapshotId }));
  }
  for (const c of stopping) items.push(item(`rollback.remove:${c.name}`, 'rollback.remove', c.name, 'removed (its volumes are kept)', { containerId: c.id, snapshotId }));
  const { order } = startOrder(snapshot.containers);
  for (const c of order) items.push(item(`rollback.create:${c.name}`, 'rollback.create', c.name, `from the snapshot: ${c.imageRef}`, { imageId: c.imageId, snapshotId }));
  for (const c of order) {
    const after = c.dependsOn.length > 0 ? `after ${c.dependsOn.join(', ')}` : 'no dependencies';
    items.push(item(`rollback.start:${c.name}`, 'rollback.start', c.name, `started in dependency order (${after})`, { snapshotId }));
  }
  items.push(item('rollback.health', 'rollback.health', `${snapshot.stack} health`, 'every container running, and healthy where it has a healthcheck', { snapshotId }));
  return items;
}

async function keptItems(snapshot: StackSnapshot, current: StackCapture, docker: Dockerode, call: DockerCall): Promise<KeptItem[]> {
  const volumes = [...new Set([...snapshot.volumes, ...current.volumes])].sort();
  const kept: KeptItem[] = volumes.map((v) => ({ id: `volume:${v}`, kind: 'volume', name: v, reason: `named volume ${v}: kept, never removed` }));
  for (const n of snapshotNetworks(snapshot)) kept.push({ id: `network:${n}`, kind: 'network', name: n, reason: `network ${n}: kept (the containers join it again)` });
  try {
    const all = await call('listing the other stacks', (abortSignal) => docker.listContainers({ all: true, filters: { label: [COMPOSE_PROJECT_LABEL] }, abortSignal } as object));
    const others = [...new Set(all.map((c) => c.Labels?.[COMPOSE_PROJECT_LABEL]).filter((s): s is string => !!s && s !== snapshot.stack))].sort();
    for (const s of others) kept.push({ id: `stack:${s}`, kind: 'stack', name: s, reason: `stack ${s}: another stack, not touched` });
  } catch {
    kept.push({ id: 'stack:others', kind: 'stack', name: 'other stacks', reason: 'other stacks: not touched' });
  }
  return kept;
}
