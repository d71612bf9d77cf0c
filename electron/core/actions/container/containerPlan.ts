import type Dockerode from 'dockerode';
import { hostname } from 'node:os';
import type { ContainerActionParams } from '../../../../shared/api/contract/actions';
import type { KeptItem, PlanItem } from '../../../../shared/types/actions';
import type { ActionDeps, PlanDraft } from '../actionPlugin';
import { dockerCallsFor, dockerMessage } from '../rollback/dockerCalls';
import { describeState, readContainer, readStack, type ContainerReading } from './containerReading';
import { stackStartOrder } from './stackOrder';

/** Deadline of one Docker call while planning (nothing is touched; the plan view waits on it). */
const PLAN_CALL_MS = 30_000;
/** Docker's own default grace between SIGTERM and SIGKILL, used when the container sets none. */
export const DEFAULT_STOP_SECONDS = 10;

type Verb = ContainerActionParams['verb'];
const VERB_WORD: Record<Verb, string> = { restart: 'Restart', stop: 'Stop', start: 'Start' };

const refused = (title: string, reason: string): PlanDraft => ({ title, items: [], kept: [], notes: [], refusals: [reason] });
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
const names = (list: readonly ContainerReading[]) => list.map((c) => c.service ?? c.name).join(', then ');

/** The container Opsbar itself runs in, if any (Docker sets the hostname to the short id). */
function isOwnContainer(c: ContainerReading): boolean {
  const host = hostname();
  return /^[0-9a-f]{12}$/.test(host) && c.id.startsWith(host);
}

function itemFor(c: ContainerReading, verb: Verb, reason: string, waitForUp: boolean): PlanItem {
  return {
    id: `${verb}:${c.id}`,
    kind: `container.${verb}`,
    name: c.name,
    bytes: null,
    reason,
    selected: true,
    facts: {
      containerId: c.id,
      name: c.name,
      state: c.state,
      imageId: c.imageId,
      startedAt: c.startedAt,
      hasHealthcheck: c.hasHealthcheck,
      stopSeconds: c.stopTimeout ?? DEFAULT_STOP_SECONDS,
      waitForUp,
    },
  };
}

/** Plans a restart, stop or start of one container, or a restart of a whole compose stack. Touches nothing. */
export async function planContainerAction(params: ContainerActionParams, deps: ActionDeps): Promise<PlanDraft> {
  const target = params.stack !== undefined ? `stack ${params.stack}` : `container ${params.container}`;
  const fallbackTitle = `${VERB_WORD[params.verb]} ${target}`;
  let docker: Dockerode;
  try {
    docker = deps.dockerAdmin();
  } catch (error) {
    return refused(fallbackTitle, (error as Error).message);
  }
  const call = dockerCallsFor(new AbortController().signal, PLAN_CALL_MS);
  const healthTimeout = deps.settings().emergency.rollback.healthTimeout;
  try {
    if (params.stack !== undefined) return await planStack(params.stack, params.verb, docker, call, healthTimeout);
    return await planOne(params.container as string, params.verb, docker, call, healthTimeout);
  } catch (error) {
    return refused(fallbackTitle, `Docker did not answer while reading ${target} (${dockerMessage(error)}): nothing was touched; try again when Docker answers.`);
  }
}

async function planOne(ref: string, verb: Verb, docker: Dockerode, call: ReturnType<typeof dockerCallsFor>, healthTimeout: number): Promise<PlanDraft> {
  const c = await readContainer(ref, docker, call);
  if (!c) return refused(`${VERB_WORD[verb]} container ${ref}`, `No container ${ref} on this host (by name or id): \`opsbar docker\` lists them.`);
  const title = `${VERB_WORD[verb]} container ${c.name}`;
  const now = describeState(c);
  const kept: KeptItem[] = [];
  if (c.project) kept.push({ id: `stack:${c.project}`, kind: 'stack', name: c.project, reason: `the other containers of stack ${c.project}: not touched` });
  const notes: string[] = [];
  const health = c.hasHealthcheck ? ` and healthy (it has a healthcheck) within ${seconds(healthTimeout)}` : ` (it has no healthcheck) within ${seconds(healthTimeout)}`;
  const grace = c.stopTimeout ?? DEFAULT_STOP_SECONDS;
  if (c.state === 'paused') return { title, items: [], kept, notes, refusals: [`${c.name} is paused: unpause it first (docker unpause ${c.name}), then plan again.`] };
  const running = c.state === 'running' || c.state === 'restarting';
  if (verb === 'start' && running) return { title, items: [], kept, notes: [`${c.name} is already ${c.state}: there is nothing to start.`], refusals: [] };
  if (verb === 'stop' && !running) return { title, items: [], kept, notes: [`${c.name} is not running (${now}): there is nothing to stop.`], refusals: [] };
  if (verb === 'stop') {
    const refusals: string[] = [];
    if (c.protected) refusals.push(`${c.name} is protected (label opsbar.protect=true): Opsbar never stops it. Restarting it is allowed (it comes back).`);
    if (isOwnContainer(c)) refusals.push(`${c.name} is the container Opsbar itself runs in: Opsbar never stops it.`);
    notes.push(`Stops ${c.name} (SIGTERM, then SIGKILL after ${grace} s); verified when it no longer runs. Its volumes and configuration are kept; start it again with \`opsbar start ${c.name}\`.`);
    return { title, items: refusals.length ? [] : [itemFor(c, 'stop', `now ${now}`, false)], kept, notes, refusals };
  }
  if (verb === 'restart') {
    notes.push(`Restarts ${c.name} (SIGTERM, then SIGKILL after ${grace} s, then start); verified when it runs again with a new start time${health}.`);
    if (c.protected) notes.push(`${c.name} is protected (opsbar.protect=true): restart is allowed (it comes back), stop is refused.`);
    if (isOwnContainer(c)) notes.push(`${c.name} is the container Opsbar runs in: the dashboard drops while it restarts.`);
    return { title, items: [itemFor(c, 'restart', `now ${now}, started ${c.startedAt ? c.startedAt.replace(/\.\d+Z$/, 'Z') : 'never'}`, false)], kept, notes, refusals: [] };
  }
  notes.push(`Starts ${c.name}; verified when it runs${health}.`);
  return { title, items: [itemFor(c, 'start', `now ${now}`, false)], kept, notes, refusals: [] };
}

async function planStack(stack: string, verb: Verb, docker: Dockerode, call: ReturnType<typeof dockerCallsFor>, healthTimeout: number): Promise<PlanDraft> {
  const all = await readStack(stack, docker, call);
  const title = (n: number) => `${VERB_WORD[verb]} stack ${stack} (${n} container${n === 1 ? '' : 's'})`;
  if (all.length === 0) return refused(title(0), `No compose stack ${stack} on this host (no container is labelled com.docker.compose.project=${stack}): \`opsbar docker\` lists the stacks.`);
  if (verb !== 'restart') return refused(title(all.length), `A whole stack can only be restarted: stop or start its containers one by one (opsbar ${verb} CONTAINER).`);
  const oneoffs = all.filter((c) => c.oneoff);
  const members = all.filter((c) => !c.oneoff);
  const kept: KeptItem[] = oneoffs.map((c) => ({ id: `container:${c.id}`, kind: 'container', name: c.name, reason: 'a one-off container (compose run): not touched' }));
  const { order, cycle } = stackStartOrder(members);
  if (cycle) return refused(title(members.length), `The depends_on labels of ${stack} form a cycle (${cycle}): there is no order to start it in. Restart its containers one by one.`);
  const paused = members.filter((c) => c.state === 'paused');
  if (paused.length) return refused(title(members.length), `${paused.map((c) => c.name).join(', ')} ${paused.length === 1 ? 'is' : 'are'} paused: unpause first, then plan again.`);
  const running = (c: ContainerReading) => c.state === 'running' || c.state === 'restarting';
  const stopping = [...order].reverse().filter(running);
  const items: PlanItem[] = [
    ...stopping.map((c) => itemFor(c, 'stop', `now ${describeState(c)}; stopped before the services it depends on`, false)),
    ...order.map((c) => {
      const after = c.dependsOn.length ? `after ${c.dependsOn.join(', ')}` : 'no dependencies';
      return itemFor(c, 'start', `started in dependency order (${after}); waits until it runs${c.hasHealthcheck ? ' and is healthy' : ''}`, true);
    }),
  ];
  const healthy = order.filter((c) => c.hasHealthcheck).length;
  const notes = [
    `${stopping.length ? `Stops ${names(stopping)}; ` : 'Nothing runs now; '}starts ${order.map((c) => `${c.service ?? c.name}${c.hasHealthcheck ? ' (waits healthy)' : ''}`).join(', then ')}.`,
    `Each start waits up to ${seconds(healthTimeout)} for the container to run (and be healthy: ${healthy} of ${order.length} have a healthcheck) before the next one starts; one that does not come up stops the rest.`,
    order.some((c) => c.dependsOn.length) ? 'The order comes from the compose depends_on labels.' : 'No depends_on labels: the containers start in name order.',
  ];
  const guarded = order.filter((c) => c.protected);
  if (guarded.length) notes.push(`${guarded.map((c) => c.name).join(', ')}: protected (opsbar.protect=true); a restart is allowed (it comes back), a stop is refused.`);
  const own = order.find(isOwnContainer);
  if (own) return refused(title(members.length), `Opsbar runs in ${own.name}, part of ${stack}: it cannot stop itself and start the rest. Restart ${own.name} alone (opsbar restart ${own.name}).`);
  return { title: title(members.length), items, kept, notes, refusals: [] };
}
