import type { RollbackActionParams } from '../../../../shared/api/contract/actions';
import type { ActionPlan, ActionVerification, ItemOutcome, PlanItem, StackSnapshot } from '../../../../shared/types/actions';
import type { ActionDeps, ActionPlugin, ExecutionContext } from '../actionPlugin';
import { dockerCallsFor, dockerMessage, isNotFound } from './dockerCalls';
import { planRollback } from './rollbackPlan';
import { rollbackPreconditions } from './rollbackPreconditions';
import { runRollbackStep } from './rollbackSteps';
import { snapshotTime } from './snapshotTime';
import { describeReading, isUp, readHealth } from './stackHealth';

/** The snapshot a plan restores: every item names it in its facts (the params may have left it to the plan). */
function snapshotOf(plan: ActionPlan, deps: Pick<ActionDeps, 'snapshots'>): StackSnapshot | null {
  const id = plan.items.map((i) => i.facts.snapshotId).find((v) => typeof v === 'string');
  return typeof id === 'string' ? deps.snapshots.get(id) : null;
}

/**
 * "Roll a stack back": a plan of exact steps, preconditions checked at plan and again before
 * the first step (nothing stops when one fails), each step re-checked as it runs, and success
 * only when the recreated stack is healthy. A sequence: a failed step stops the rest.
 */
export function createRollbackAction(): ActionPlugin<RollbackActionParams> {
  return {
    name: 'rollback',
    stopOnFailure: true,
    plan: (params, deps) => planRollback(params, deps),

    async prepare(plan, items, context): Promise<{ refusals: string[]; before: Record<string, number | null> }> {
      const snapshot = snapshotOf(plan, context);
      if (!snapshot) return { refusals: ['The snapshot this plan restores is no longer stored (removed by retention?): make the plan again.'], before: {} };
      let refusals: string[];
      try {
        const docker = context.dockerAdmin();
        const call = dockerCallsFor(context.signal, context.callTimeoutMs);
        refusals = await rollbackPreconditions(snapshot, docker, call);
        // A container the plan would stop that is no longer the one it saw: refuse before anything stops.
        for (const item of items.filter((i) => i.kind === 'rollback.stop')) {
          const now = await call(`inspecting container ${item.name}`, (abortSignal) => docker.getContainer(item.name).inspect({ abortSignal } as object)).then(
            (info) => (info as { Id: string }).Id,
            (error: unknown) => (isNotFound(error) ? null : Promise.reject(error)),
          );
          if (now !== item.facts.containerId) refusals.push(`Container ${item.name} changed since the plan (${now ? `now ${now.slice(0, 12)}` : 'gone'}): make the plan again.`);
        }
      } catch (error) {
        refusals = [`Docker did not answer before the rollback started (${dockerMessage(error)}): nothing was stopped; try again when Docker answers.`];
      }
      return { refusals, before: { containers: snapshot.containers.length } };
    },

    async executeItem(item, plan, context) {
      const snapshot = snapshotOf(plan, context);
      if (!snapshot) return { outcome: 'failed', detail: 'The snapshot this plan restores is no longer stored: nothing was done.' };
      return runRollbackStep(item, snapshot, plan.items.some((i: PlanItem) => i.kind === 'rollback.stop'), context);
    },

    async verify(plan, outcomes, before, context: ExecutionContext): Promise<ActionVerification> {
      const snapshot = snapshotOf(plan, context);
      const stack = String(plan.params.stack ?? snapshot?.stack ?? 'the stack');
      const health = outcomes.find((o: ItemOutcome) => o.id === 'rollback.health');
      const healthPassed = health?.outcome === 'done';
      if (!snapshot) return { passed: false, summary: `${stack}: the snapshot is no longer stored, health not measured`, figures: {}, checks: [] };
      const when = snapshotTime(snapshot.takenAt);
      try {
        const readings = await readHealth(
          snapshot.containers.map((c) => c.name),
          context.dockerAdmin(),
          dockerCallsFor(context.signal, context.callTimeoutMs),
        );
        const up = readings.filter(isUp).length;
        const healthy = readings.filter((r) => r.health === 'healthy').length;
        const checks = [
          { label: 'health step', passed: healthPassed, detail: health ? `${health.outcome}: ${health.detail}` : 'not run' },
          ...readings.map((r) => ({ label: r.name, passed: isUp(r), detail: describeReading(r) })),
        ];
        const passed = healthPassed && up === snapshot.containers.length;
        const total = snapshot.containers.length;
        const summary = passed ? `${stack} healthy: ${up}/${total} containers on the snapshot of ${when}` : `${stack} not healthy: ${up}/${total} containers up on the snapshot of ${when}`;
        return { passed, summary, figures: { containersBefore: before.containers ?? null, containers: total, up, healthy }, checks };
      } catch (error) {
        return { passed: false, summary: `${stack}: health after the rollback could not be read (${dockerMessage(error)})`, figures: {}, checks: [] };
      }
    },
  };
}
