/** Builds a StepExecution with real services (process runner, fetch, clock) for step kind tests. */
import type { StepBlock } from '../../../../../shared/types/runbooks';
import { actionRegistry } from '../../../../../electron/core/runbooks/actions/actionRegistry';
import { createProcessRunner } from '../../../../../electron/core/process/spawnProcessRunner';
import type { StepExecution, StepServices } from '../../../../../electron/core/runbooks/steps/stepKind';

/** Sleeps for real; rejects with the signal's reason when it aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface TestStep {
  context: StepExecution;
  controller: AbortController;
  /** Everything written to the output, as text. */
  output(): string;
  /** Bytes written to the output. */
  bytes(): number;
  /** Calls `fn` once, the first time the output contains `needle`. */
  onOutput(needle: string | RegExp, fn: () => void): void;
}

export function testStep(input: {
  kind: string;
  body: string;
  attributes?: Record<string, string>;
  expandedBody?: string;
  params?: Record<string, string>;
  opsbarEnv?: Record<string, string>;
  timeoutMs?: number;
  homeDir: string;
  services?: Partial<StepServices>;
}): TestStep {
  const controller = new AbortController();
  let text = '';
  let bytes = 0;
  const watchers: { needle: string | RegExp; fn: () => void; fired: boolean }[] = [];
  const block: StepBlock = {
    kind: input.kind,
    body: input.body,
    attributes: input.attributes ?? {},
    timeoutMs: input.timeoutMs ?? 60_000,
    confirm: null,
    onFailure: { kind: 'stop' },
    onSuccess: { kind: 'next' },
    line: 1,
  };
  const services: StepServices = {
    processes: createProcessRunner({ killGraceMs: 300 }),
    docker: null,
    actions: actionRegistry([]),
    fetch: globalThis.fetch,
    clock: { now: () => Date.now(), sleep: abortableSleep },
    homeDir: input.homeDir,
    ...input.services,
  };
  const context: StepExecution = {
    block,
    expandedBody: input.expandedBody ?? input.body,
    params: input.params ?? {},
    opsbarEnv: input.opsbarEnv ?? { OPSBAR_RUN_ID: '1', OPSBAR_STEP_ID: 'step', OPSBAR_DATA_DIR: '/nonexistent-data', OPSBAR_RUNBOOK_DIR: '/nonexistent-runbooks' },
    output: {
      write(chunk) {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        // Keep the first MB for assertions: tests that print hundreds of MB only count.
        if (text.length >= 1_000_000) return;
        text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
        for (const w of watchers) {
          if (!w.fired && (typeof w.needle === 'string' ? text.includes(w.needle) : w.needle.test(text))) {
            w.fired = true;
            w.fn();
          }
        }
      },
    },
    signal: controller.signal,
    timeoutMs: block.timeoutMs,
    services,
  };
  return {
    context,
    controller,
    output: () => text,
    bytes: () => bytes,
    onOutput: (needle, fn) => watchers.push({ needle, fn, fired: false }),
  };
}
