import type { ActionPlugin, ExecutionContext, ItemResult } from '../../electron/core/actions/actionPlugin';
import type { ActionName, ActionPlan, ActionVerification, ItemOutcome, KeptItem, PlanItem } from '../../shared/types/actions';

/** What a test item does when executed (default: done, "done"). */
export type ItemBehaviour = (item: PlanItem, context: ExecutionContext) => ItemResult | Promise<ItemResult>;

export interface TestItem {
  id: string;
  bytes?: number | null;
  selected?: boolean;
  behave?: ItemBehaviour;
}

export interface RecordingPluginOptions {
  name?: ActionName;
  items: TestItem[];
  kept?: KeptItem[];
  /** Refusals in the plan itself (execution is refused). */
  refusals?: string[];
  /** Refusals `prepare` answers (the run is refused before anything is touched). */
  prepareRefusals?: string[];
  stopOnFailure?: boolean;
  verify?: (outcomes: readonly ItemOutcome[]) => ActionVerification | Promise<ActionVerification>;
}

/** A plugin that records every call (phase and item id, in order) and acts on nothing outside itself. */
export interface RecordingPlugin extends ActionPlugin<Record<string, unknown>> {
  /** `prepare`, `item:<id>`, `verify`, in call order. */
  readonly calls: string[];
  /** Item ids executeItem was called with, in order. */
  readonly executed: string[];
  /** Items the next plan lists (a test changes them between plans). */
  items: TestItem[];
}

export function recordingPlugin(options: RecordingPluginOptions): RecordingPlugin {
  const calls: string[] = [];
  const executed: string[] = [];
  const plugin: RecordingPlugin = {
    name: options.name ?? 'disk',
    stopOnFailure: options.stopOnFailure ?? false,
    calls,
    executed,
    items: options.items,
    async plan() {
      return {
        title: 'Test action',
        items: plugin.items.map(
          (t): PlanItem => ({ id: t.id, kind: 'test.touch', name: `thing ${t.id}`, bytes: t.bytes === undefined ? 1000 : t.bytes, reason: 'a test item', selected: t.selected ?? true, facts: { id: t.id } }),
        ),
        kept: options.kept ?? [{ id: 'volume:pgdata', kind: 'volume', name: 'pgdata', reason: 'named volume, never removed' }],
        notes: ['A test plan.'],
        refusals: options.refusals ?? [],
      };
    },
    async prepare() {
      calls.push('prepare');
      return { refusals: options.prepareRefusals ?? [], before: { freeBytes: 10 } };
    },
    async executeItem(item: PlanItem, _plan: ActionPlan, context: ExecutionContext) {
      calls.push(`item:${item.id}`);
      executed.push(item.id);
      const spec = plugin.items.find((t) => t.id === item.id);
      return spec?.behave ? spec.behave(item, context) : { outcome: 'done', detail: 'done', bytes: item.bytes };
    },
    async verify(_plan, outcomes) {
      calls.push('verify');
      if (options.verify) return options.verify(outcomes);
      return { passed: true, summary: `${outcomes.filter((o) => o.outcome === 'done').length} done`, figures: { freeBytesBefore: 10, freeBytesAfter: 20 }, checks: [] };
    },
  };
  return plugin;
}

/** A promise a test resolves by hand (an item that waits until the test lets it go). */
export function gate<T = void>(): { promise: Promise<T>; open(value: T): void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
