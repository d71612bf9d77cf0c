/**
 * A RunbookRunner on a real OpsbarStore in a temp folder, with hand-built runbooks and small
 * scripted step kinds (the flow tests), or the real catalog and kinds (the process tests).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { LiveMessage } from '../../../../shared/api/live';
import { applyRunChange } from '../../../../shared/runbooks/applyRunChange';
import type { Runbook, RunbookLibraryView, RunbookParam, RunbookStep, RunDetail, RunOutputChunk, StepTransition } from '../../../../shared/types/runbooks';
import type { Clock } from '../../../../electron/core/clock';
import { silentLogger } from '../../../../electron/core/logger';
import type { RunbookCatalog } from '../../../../electron/core/runbooks/format/runbookCatalog';
import type { ProcessRunner } from '../../../../electron/core/process/processRunner';
import { RunbookRunner } from '../../../../electron/core/runbooks/run/runbookRunner';
import { stepKindRegistry, type StepKindRegistry } from '../../../../electron/core/runbooks/steps/registry';
import type { StepExecution, StepKind, StepResult, StepServices } from '../../../../electron/core/runbooks/steps/stepKind';
import { OpsbarStore } from '../../../../electron/core/store/opsbarStore';
import { tempDir } from '../../../support/tempDir';

export interface StepSpec {
  id: string;
  /** null: a prose-only step. */
  body?: string | null;
  kind?: string;
  confirm?: string | null;
  onFailure?: StepTransition;
  onSuccess?: StepTransition;
  timeoutMs?: number;
  attributes?: Record<string, string>;
}

export function runbook(id: string, steps: StepSpec[], options: { params?: RunbookParam[]; hash?: string; file?: string } = {}): Runbook {
  const built: RunbookStep[] = steps.map((spec, index) => ({
    index,
    id: spec.id,
    title: `Title ${spec.id}`,
    prose: '',
    block:
      spec.body === null
        ? null
        : {
            kind: spec.kind ?? 'fake',
            body: spec.body ?? 'pass',
            attributes: spec.attributes ?? {},
            timeoutMs: spec.timeoutMs ?? 60_000,
            confirm: spec.confirm ?? null,
            onFailure: spec.onFailure ?? { kind: 'stop' },
            onSuccess: spec.onSuccess ?? { kind: 'next' },
            line: index * 5 + 1,
          },
    expectedOutput: null,
    line: index * 5,
  }));
  return {
    id,
    title: `Runbook ${id}`,
    category: 'daily',
    severity: null,
    estimatedMinutes: null,
    triggers: [],
    schedule: null,
    origin: 'user',
    file: options.file ?? `/runbooks/${id}.md`,
    hash: options.hash ?? `hash-of-${id}`,
    stepCount: built.length,
    executableSteps: built.filter((s) => s.block).length,
    needsOperator: false,
    description: '',
    params: options.params ?? [],
    intro: '',
    steps: built,
  };
}

/** A catalog tests can change between calls (a file edited on disk = a new hash). */
export class FakeCatalog implements RunbookCatalog {
  readonly byId = new Map<string, Runbook>();
  refreshes = 0;
  invalid: RunbookLibraryView['invalid'] = [];
  constructor(...runbooks: Runbook[]) {
    for (const r of runbooks) this.byId.set(r.id, r);
  }
  view(): RunbookLibraryView {
    return { runbooks: [], invalid: this.invalid, directories: { builtin: '/builtin', user: null } };
  }
  get(id: string): Runbook | undefined {
    return this.byId.get(id);
  }
  refresh(): void {
    this.refreshes++;
  }
}

const check = (passed: boolean, actual: string) => ({ label: 'exit code', expected: '0', actual, passed });

/**
 * A scripted kind, driven by its (expanded) body: `pass`, `fail`, `throw`, `hang` (until aborted),
 * `deaf` (ignores its signal), `flaky N` (fails N times, then passes), `print N` (N bytes).
 */
export function fakeKind(calls: StepExecution[]): StepKind {
  const flaky = new Map<string, number>();
  return {
    name: 'fake',
    attributes: [],
    validate: () => [],
    async execute(context): Promise<StepResult> {
      calls.push(context);
      const [verb, arg] = context.expandedBody.trim().split(/\s+/);
      switch (verb) {
        case 'pass':
          context.output.write(`ok ${context.opsbarEnv.OPSBAR_STEP_ID}\n`);
          return { exitCode: 0, checks: [check(true, '0')], summary: 'exit code 0' };
        case 'fail':
          context.output.write('it broke\n');
          return { exitCode: 1, checks: [check(false, '1')], summary: 'exit code 1 (expected 0)' };
        case 'throw':
          throw new Error('the kind fell over');
        case 'hang':
          await new Promise<void>((resolve) => context.signal.addEventListener('abort', () => resolve(), { once: true }));
          return { exitCode: null, checks: [], summary: 'aborted' };
        case 'deaf':
          return new Promise<StepResult>(() => {});
        case 'flaky': {
          const seen = (flaky.get(context.opsbarEnv.OPSBAR_STEP_ID) ?? 0) + 1;
          flaky.set(context.opsbarEnv.OPSBAR_STEP_ID, seen);
          return seen <= Number(arg) ? { exitCode: 1, checks: [check(false, '1')], summary: `failure ${seen}` } : { exitCode: 0, checks: [check(true, '0')], summary: 'passed at last' };
        }
        case 'print':
          context.output.write(Buffer.alloc(Number(arg), 'x'));
          return { exitCode: 0, checks: [check(true, '0')], summary: 'printed' };
        default:
          return { exitCode: 0, checks: [check(true, '0')], summary: `ran ${context.expandedBody}` };
      }
    },
  };
}

export const fakeManualKind: StepKind = {
  name: 'manual',
  attributes: [],
  needsOperator: true,
  validate: () => [],
  execute: async () => ({ exitCode: null, checks: [{ label: 'operator confirmed', expected: 'done', actual: 'confirmed', passed: true }], summary: 'operator confirmed' }),
};

const noProcesses: ProcessRunner = { run: () => Promise.reject(new Error('no processes in flow tests')) };

export function services(processes: ProcessRunner = noProcesses, homeDir = tmpdir()): StepServices {
  return {
    processes,
    docker: null,
    actions: { get: () => undefined, names: () => [] },
    fetch: globalThis.fetch,
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    homeDir,
  };
}

export interface Harness {
  runner: RunbookRunner;
  store: OpsbarStore;
  file: string;
  dir: string;
  messages: LiveMessage[];
  calls: StepExecution[];
  runs(runId: number): RunDetail[];
  output(runId: number): RunOutputChunk[];
  /** A second runner on the same database file, as after an app restart. */
  restart(): Harness;
}

export function harness(options: { catalog: RunbookCatalog; clock: Clock; kinds?: StepKindRegistry; services?: StepServices; dir?: string }): Harness {
  const dir = options.dir ?? tempDir('opsbar-runner-');
  const file = join(dir, 'opsbar.db');
  const { store } = OpsbarStore.open(file, { now: () => options.clock.now() });
  after(() => store.close());
  const messages: LiveMessage[] = [];
  const calls: StepExecution[] = [];
  const kinds = options.kinds ?? stepKindRegistry([fakeKind(calls), fakeManualKind]);
  const runner = new RunbookRunner({
    catalog: options.catalog,
    kinds,
    services: options.services ?? services(),
    store,
    clock: options.clock,
    publish: (message) => messages.push(message),
    log: silentLogger,
    dataDir: dir,
  });
  return {
    runner,
    store,
    file,
    dir,
    messages,
    calls,
    runs: (runId) => foldRunMessages(messages, runId),
    output: (runId) => messages.flatMap((m) => (m.type === 'run-output' && m.chunk.runId === runId ? [m.chunk] : [])),
    restart() {
      store.close();
      return harness({ ...options, dir });
    },
  };
}

/** The run as a live subscriber sees it after each `run` message about it (each message carries only the changed attempts). */
export function foldRunMessages(messages: readonly LiveMessage[], runId: number): RunDetail[] {
  const seen: RunDetail[] = [];
  for (const m of messages) {
    if (m.type !== 'run' || m.run.id !== runId) continue;
    const base: RunDetail = seen.at(-1) ?? { ...m.run, steps: [], attempts: [] };
    const next = applyRunChange(base, m);
    if (!next) throw new Error(`run #${runId}: a live message could not be folded`);
    seen.push(next);
  }
  return seen;
}
