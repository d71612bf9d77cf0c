/**
 * Emergency runbook steps on the real parser, runner and `action` step kind, with a fake
 * ActionSystem that records every plan and execute call and reports progress like the real one.
 */
import type { ActionPlanRequest } from '../../../shared/api/contract/actions';
import type { ActionOutcome, ActionPlan, ActionRecord, ItemOutcome, PlanItem } from '../../../shared/types/actions';
import type { Runbook } from '../../../shared/types/runbooks';
import type { ActionSystem, ExecuteRequest } from '../../../electron/core/actions/actionSystem';
import { RefusedError } from '../../../electron/core/refusedError';
import { actionRegistry } from '../../../electron/core/runbooks/actions/actionRegistry';
import { createEmergencyActions } from '../../../electron/core/runbooks/actions/emergencyActions';
import { EmergencyRunPlans } from '../../../electron/core/runbooks/actions/emergencyRunPlans';
import { parseRunbook } from '../../../electron/core/runbooks/format/parseRunbook';
import type { StartRunRequest } from '../../../electron/core/runbooks/run/runControl';
import { builtInStepKinds } from '../../../electron/core/runbooks/steps/builtInStepKinds';
import { stepKindRegistry } from '../../../electron/core/runbooks/steps/registry';
import { TestClock } from '../../support/testClock';
import { FakeCatalog, harness, services } from './run/runbookRunnerHarness';

export type Listener = (outcome: ActionOutcome) => void;

/** How the fake ends an execution: the run's state and its verification. */
export interface FakeEnding {
  state: ActionOutcome['state'];
  verified: { passed: boolean; summary: string } | null;
}

export class FakeActionSystem implements ActionSystem {
  readonly plans: { request: ActionPlanRequest; actor: string; plan: ActionPlan }[] = [];
  readonly executions: { request: ExecuteRequest; actor: string }[] = [];
  readonly cancels: string[] = [];
  readonly listeners = new Set<Listener>();
  refusals: string[] = [];
  /** Plans come with no selected item (nothing holds GPU memory, nothing to clean). */
  nothingSelected = false;
  ending: FakeEnding = { state: 'succeeded', verified: { passed: true, summary: 'Freed 3.0 MB on / (predicted 3.0 MB)' } };
  /** Set: execution waits until the test calls `finish` (or a cancel comes). */
  holdExecution = false;
  private pending: { resolve(outcome: ActionOutcome): void; outcome: ActionOutcome } | null = null;
  private executeSeen: () => void = () => {};
  /** Resolves once execute has been called (for a test that acts while it runs). */
  readonly executing = new Promise<void>((resolve) => (this.executeSeen = resolve));

  async plan(request: ActionPlanRequest, actor: string): Promise<ActionPlan> {
    const n = this.plans.length + 1;
    const item = (i: number, selected: boolean): PlanItem => ({
      id: `image:sha256-${n}-${i}`, kind: 'image.remove', name: `old-image-${i}:latest`, bytes: 1_500_000 * i, reason: 'dangling', selected, facts: { imageId: `sha256-${n}-${i}` },
    });
    const plan: ActionPlan = {
      id: `plan-${request.action}-${n}`, hash: String(n).repeat(64).slice(0, 64), action: request.action, title: `Plan ${n} for ${request.action}`, params: request.params,
      createdAt: 0, expiresAt: Number.MAX_SAFE_INTEGER, items: [item(1, !this.nothingSelected), item(2, !this.nothingSelected), item(3, false)],
      kept: [{ id: 'volume:pgdata', kind: 'volume', name: 'pgdata', reason: 'named volume, never removed' }],
      predictedBytes: 4_500_000, notes: ['Verify measures free bytes on / before and after.'], refusals: [...this.refusals],
    };
    this.plans.push({ request, actor, plan });
    return plan;
  }

  execute(request: ExecuteRequest, actor: string): { outcome: ActionOutcome; done: Promise<ActionOutcome> } {
    this.executions.push({ request, actor });
    this.executeSeen();
    const plan = this.plans.find((p) => p.plan.id === request.planId)?.plan;
    if (!plan || plan.hash !== request.hash) throw new RefusedError(`No plan ${request.planId} with that hash.`);
    const selected = plan.items.filter((item) => item.selected);
    const outcome = (items: ItemOutcome[], state: ActionOutcome['state'], ending: FakeEnding | null): ActionOutcome => ({
      planId: plan.id, action: plan.action, state, actor, startedAt: 0, finishedAt: state === 'running' ? null : 1, items,
      verified: ending?.verified ? { ...ending.verified, figures: {}, checks: [{ label: 'free bytes', passed: ending.verified.passed, detail: ending.verified.summary }] } : null,
      message: state === 'cancelled' ? 'cancelled before the next item' : null, rollForwardSnapshotId: null,
    });
    const pending = selected.map((item): ItemOutcome => ({ id: item.id, outcome: 'pending', detail: '', bytes: null, at: null }));
    const started = outcome(pending, 'running', null);
    const done = new Promise<ActionOutcome>((resolve) => {
      // Like the framework: one progress message per item, then the end.
      queueMicrotask(() => {
        const items = [...pending];
        selected.forEach((item, i) => {
          items[i] = { id: item.id, outcome: 'done', detail: 'removed', bytes: item.bytes, at: 1 };
          this.emit(outcome([...items], 'running', null));
        });
        const final = outcome(items, this.ending.state, this.ending);
        if (this.holdExecution) this.pending = { resolve, outcome: final };
        else this.end(resolve, final);
      });
    });
    return { outcome: started, done };
  }

  cancel(planId: string): boolean {
    this.cancels.push(planId);
    if (!this.pending) return false;
    const { resolve, outcome } = this.pending;
    this.pending = null;
    this.end(resolve, { ...outcome, state: 'cancelled', verified: null, message: 'cancelled before the next item' });
    return true;
  }

  /** Ends a held execution as `ending` says. */
  finish(): void {
    const pending = this.pending;
    if (!pending) throw new Error('no execution is held');
    this.pending = null;
    this.end(pending.resolve, pending.outcome);
  }

  private end(resolve: (outcome: ActionOutcome) => void, final: ActionOutcome): void {
    this.emit(final);
    resolve(final);
  }

  private emit(outcome: ActionOutcome): void {
    for (const listener of this.listeners) listener(outcome);
  }

  get(): ActionRecord {
    throw new Error('not used by runbook steps');
  }
  recent(): ActionRecord[] {
    return [];
  }
  recover(): string[] {
    return [];
  }
  diskUsage(): never {
    throw new Error('not used by runbook steps');
  }
  async stop(): Promise<void> {}
}

/** The runner with the real `action` kind and the emergency actions wired to a fake system. */
export function emergencyHarness(sources: string[]) {
  const system = new FakeActionSystem();
  const books = sources.map((source, i) => {
    const parsed = parseRunbook(source, { file: `/runbooks/emergency-${i}.md`, origin: 'user', kinds: stepKindRegistry(builtInStepKinds) });
    if (!parsed.ok) throw new Error(parsed.invalid.problems.map((p) => `${p.line}: ${p.message}`).join('\n'));
    return parsed.runbook;
  });
  const catalog = new FakeCatalog(...books);
  const clock = new TestClock();
  const deps = {
    system: () => system,
    plans: new EmergencyRunPlans(),
    progress: (listener: Listener) => {
      system.listeners.add(listener);
      return () => system.listeners.delete(listener);
    },
  };
  const actions = actionRegistry(createEmergencyActions(deps));
  const h = harness({ catalog, clock, kinds: stepKindRegistry(builtInStepKinds), services: { ...services(), actions } });
  const request = (book: Runbook, params: Record<string, string> = {}): StartRunRequest => ({
    runbookId: book.id, hash: book.hash, params, mode: 'auto', trigger: 'operator', startedBy: 'operator',
  });
  return { ...h, clock, system, books, request };
}

/** A runbook: a plan step for `action` (attributes as written), then the confirmed execute step. */
export function emergencyRunbook(id: string, planAttributes: string, options: { params?: string; planStep?: boolean; planOnFailure?: string } = {}): string {
  const plan = options.planStep === false
    ? ''
    : `## Plan\n\nShows the plan.\n\n\`\`\`run action timeout=1m ${planAttributes}${options.planOnFailure ? ` on-failure=${options.planOnFailure}` : ''}\nemergency.plan\n\`\`\`\n\n`;
  return `---\nid: ${id}\ntitle: ${id}\ncategory: emergency\n${options.params ?? ''}---\n\n${plan}## Execute\n\nRuns the plan.\n\n\`\`\`run action timeout=10m confirm="Confirm to execute exactly the plan shown above"\nemergency.execute\n\`\`\`\n`;
}
