import type Dockerode from 'dockerode';
import type { PlanItem, StackSnapshot } from '../../../../shared/types/actions';
import { RefusedError } from '../../refusedError';
import type { ExecutionContext, ItemResult } from '../actionPlugin';
import { dockerCallsFor, isNotFound, type DockerCall } from './dockerCalls';
import { recreateContainer } from './recreateContainer';
import { describeReading, isUp, waitForHealth } from './stackHealth';
import { volumeBackup } from './volumeBackupStep';

interface Step {
  item: PlanItem;
  snapshot: StackSnapshot;
  /** The plan has stop items: something runs now (a pre-rollback snapshot is expected). */
  stopsSomething: boolean;
  context: ExecutionContext;
  docker: Dockerode;
  call: DockerCall;
}

const STEPS: Record<string, (step: Step) => Promise<ItemResult>> = {
  'rollback.backup': volumeBackup,
  'rollback.snapshot': preRollbackSnapshot,
  'rollback.stop': stopContainer,
  'rollback.remove': removeContainer,
  'rollback.create': createContainer,
  'rollback.start': startContainer,
  'rollback.health': waitHealthy,
};

/** Runs one rollback item after re-checking what it acts on; a throw is a failed item. */
export async function runRollbackStep(item: PlanItem, snapshot: StackSnapshot, stopsSomething: boolean, context: ExecutionContext): Promise<ItemResult> {
  const run = STEPS[item.kind];
  if (!run) return { outcome: 'failed', detail: `Unknown rollback step ${item.kind}: nothing was done.` };
  const docker = context.dockerAdmin();
  const call = dockerCallsFor(context.signal, context.callTimeoutMs);
  return run({ item, snapshot, stopsSomething, context, docker, call });
}

async function preRollbackSnapshot({ snapshot, stopsSomething, context }: Step): Promise<ItemResult> {
  try {
    const taken = await context.snapshots.take(snapshot.stack, 'pre-rollback');
    return { outcome: 'done', detail: `snapshot ${taken.id} of what ran before (${taken.containers.length} container(s)): the roll-forward`, rollForwardSnapshotId: taken.id };
  } catch (error) {
    if (error instanceof RefusedError && !stopsSomething) return { outcome: 'done', detail: 'nothing of the stack runs now: no roll-forward snapshot needed' };
    throw error;
  }
}

/** The container this item was planned on, by name: its id must be the one the plan saw. */
async function recheck({ item, docker, call }: Step): Promise<{ state: string; stopTimeout: number | null } | ItemResult> {
  const planned = String(item.facts.containerId);
  try {
    const info = (await call(`inspecting container ${item.name}`, (abortSignal) => docker.getContainer(item.name).inspect({ abortSignal } as object))) as unknown as {
      Id: string;
      State?: { Status?: string };
      Config?: { StopTimeout?: number };
    };
    if (info.Id !== planned) {
      return { outcome: 'failed', detail: `changed since the plan: ${item.name} is now container ${info.Id.slice(0, 12)} (the plan saw ${planned.slice(0, 12)}); nothing was done — make the plan again.` };
    }
    return { state: info.State?.Status ?? 'unknown', stopTimeout: info.Config?.StopTimeout ?? null };
  } catch (error) {
    if (isNotFound(error)) return { outcome: 'failed', detail: `changed since the plan: container ${item.name} is gone; nothing was done — make the plan again.` };
    throw error;
  }
}

async function stopContainer(step: Step): Promise<ItemResult> {
  const seen = await recheck(step);
  if ('outcome' in seen) return seen;
  if (seen.state !== 'running' && seen.state !== 'restarting' && seen.state !== 'paused') return { outcome: 'done', detail: `already ${seen.state}` };
  // Docker waits the container's own stop timeout (compose's stop_grace_period; 10 s by default) before SIGKILL: the deadline covers it.
  const graceMs = (seen.stopTimeout ?? 10) * 1000;
  const call = dockerCallsFor(step.context.signal, graceMs + step.context.callTimeoutMs);
  await call(`stopping container ${step.item.name}`, (abortSignal) => step.docker.getContainer(String(step.item.facts.containerId)).stop({ abortSignal } as object));
  return { outcome: 'done', detail: 'stopped' };
}

async function removeContainer(step: Step): Promise<ItemResult> {
  const seen = await recheck(step);
  if ('outcome' in seen) return seen;
  // v: false — its volumes stay, anonymous ones included.
  await step.call(`removing container ${step.item.name}`, (abortSignal) => step.docker.getContainer(String(step.item.facts.containerId)).remove({ v: false, force: false, abortSignal } as object));
  return { outcome: 'done', detail: 'removed (volumes kept)' };
}

async function createContainer({ item, snapshot, docker, call }: Step): Promise<ItemResult> {
  const container = snapshot.containers.find((c) => c.name === item.name);
  if (!container) return { outcome: 'failed', detail: `The snapshot has no container ${item.name}: nothing was created.` };
  try {
    const existing = (await call(`inspecting container ${item.name}`, (abortSignal) => docker.getContainer(item.name).inspect({ abortSignal } as object))) as unknown as { Id: string };
    return { outcome: 'failed', detail: `A container named ${item.name} exists (${existing.Id.slice(0, 12)}, made since the plan): nothing was created — make the plan again.` };
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const id = await recreateContainer(container.create, docker, call);
  return { outcome: 'done', detail: `created ${id.slice(0, 12)} from ${container.imageRef}` };
}

async function startContainer({ item, docker, call }: Step): Promise<ItemResult> {
  await call(`starting container ${item.name}`, (abortSignal) => docker.getContainer(item.name).start({ abortSignal } as object));
  return { outcome: 'done', detail: 'started' };
}

async function waitHealthy({ snapshot, context, docker, call }: Step): Promise<ItemResult> {
  const timeoutMs = context.settings().emergency.rollback.healthTimeout;
  const names = snapshot.containers.map((c) => c.name);
  const result = await waitForHealth(names, { timeoutMs, clock: context.clock, signal: context.signal, docker, call });
  const up = result.readings.filter(isUp).length;
  const lines = result.readings.map((r) => `${r.name}: ${describeReading(r)}`).join('; ');
  if (result.passed) return { outcome: 'done', detail: `${up}/${names.length} containers up: ${lines}` };
  const why = result.timedOut ? `not healthy within ${Math.round(timeoutMs / 1000)} s` : 'a container stopped and will not restart';
  return { outcome: 'failed', detail: `${why} (${up}/${names.length} up): ${lines}` };
}

