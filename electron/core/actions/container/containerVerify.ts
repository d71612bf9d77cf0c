import type { ActionPlan, ActionVerification, ItemOutcome, PlanItem } from '../../../../shared/types/actions';
import type { ExecutionContext } from '../actionPlugin';
import { dockerCallsFor, dockerMessage } from '../rollback/dockerCalls';
import { describeState, isUp, readContainer, type ContainerReading } from './containerReading';
import { cannotComeUp, waitForContainer } from './containerWait';

type Check = ActionVerification['checks'][number];

const pad = (n: number) => String(n).padStart(2, '0');
/** "14:02:11" in the host's local time, from the Engine's RFC 3339 time. */
export function clockTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

const stopped = (r: ContainerReading) => r.state !== 'running' && r.state !== 'restarting' && r.state !== 'paused';
const upWords = (r: ContainerReading) => (r.hasHealthcheck ? 'running and healthy' : 'running (no healthcheck)');

interface Target {
  item: PlanItem;
  outcome: ItemOutcome | undefined;
  verb: string;
}

/** The containers a run must leave in their new state: the one container, or each of a stack's starts. */
function targetsOf(plan: ActionPlan, outcomes: readonly ItemOutcome[]): Target[] {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const confirmed = plan.items.filter((i) => byId.has(i.id));
  const stack = typeof plan.params.stack === 'string';
  const wanted = stack ? confirmed.filter((i) => i.kind === 'container.start') : confirmed;
  return wanted.map((item) => ({ item, outcome: byId.get(item.id), verb: item.kind.replace(/^container\./, '') }));
}

/**
 * Measured after: each container waited for (bounded, on the injected clock) until it is in its
 * new state — stopped; running (and healthy when it has a healthcheck); a restart also with a
 * changed `State.StartedAt`. Failing health is "not verified" with the reason.
 */
export async function verifyContainerAction(plan: ActionPlan, outcomes: readonly ItemOutcome[], context: ExecutionContext): Promise<ActionVerification> {
  const targets = targetsOf(plan, outcomes);
  const stack = typeof plan.params.stack === 'string' ? plan.params.stack : null;
  if (targets.length === 0) return { passed: false, summary: 'Nothing was run, so nothing was verified', figures: {}, checks: [] };
  const timeoutMs = context.settings().emergency.rollback.healthTimeout;
  const checks: Check[] = [];
  const readings: (ContainerReading | null)[] = [];
  try {
    const docker = context.dockerAdmin();
    const call = dockerCallsFor(context.signal, context.callTimeoutMs);
    for (const target of targets) {
      const id = String(target.item.facts.containerId);
      const before = String(target.item.facts.startedAt ?? '');
      if (target.outcome?.outcome !== 'done') {
        const reading = await readContainer(id, docker, call);
        readings.push(reading);
        checks.push({ label: target.item.name, passed: false, detail: `${target.outcome?.outcome ?? 'not run'}: ${target.outcome?.detail ?? ''}`.trim() });
        continue;
      }
      const reached = target.verb === 'stop' ? stopped : (r: ContainerReading) => isUp(r) && r.startedAt !== before;
      const settled = target.verb === 'stop' ? () => false : cannotComeUp;
      const waited = await waitForContainer(id, reached, settled, { clock: context.clock, signal: context.signal, docker, call, timeoutMs });
      readings.push(waited.reading);
      checks.push(checkOf(target, waited.verdict, waited.reading, before, timeoutMs));
    }
  } catch (error) {
    return { passed: false, summary: `The containers could not be read after the run (${dockerMessage(error)})`, figures: {}, checks };
  }
  const present = readings.filter((r): r is ContainerReading => r !== null);
  const running = present.filter((r) => r.state === 'running').length;
  const healthy = present.filter((r) => r.hasHealthcheck && r.health === 'healthy').length;
  const passed = checks.every((c) => c.passed);
  const figures = { containers: targets.length, running, healthy };
  if (stack) {
    const failed = checks.filter((c) => !c.passed);
    const tail = failed.length ? ` — ${failed.map((c) => `${c.label}: ${c.detail}`).join('; ')}` : '';
    return { passed, summary: `${stack}: ${running}/${targets.length} running, ${healthy} healthy${tail}`, figures, checks };
  }
  const [check] = checks;
  return { passed, summary: passed ? `${check.label} ${check.detail}` : `${check.label} not verified: ${check.detail}`, figures, checks };
}

function checkOf(target: Target, verdict: string, reading: ContainerReading | null, before: string, timeoutMs: number): Check {
  const label = target.item.name;
  if (!reading) return { label, passed: false, detail: 'gone after the run' };
  const state = describeState(reading);
  const within = `within ${Math.round(timeoutMs / 1000)} s`;
  if (target.verb === 'stop') {
    return verdict === 'reached' ? { label, passed: true, detail: `stopped (${state})` } : { label, passed: false, detail: `still ${state} ${within} of the stop` };
  }
  if (verdict === 'reached') {
    const word = target.verb === 'restart' ? 'restarted' : 'started';
    return { label, passed: true, detail: `${upWords(reading)} (${word} ${clockTime(reading.startedAt)})` };
  }
  if (reading.state === 'running' && reading.startedAt === before) return { label, passed: false, detail: `its start time did not change (${clockTime(before)}): it was not restarted` };
  const why = verdict === 'timeout' ? `not up ${within}` : 'will not come up';
  return { label, passed: false, detail: `${state} (${why})` };
}
