import type { LiveMessage } from '../../../shared/api/live';
import type { RunDetail } from '../../../shared/types/runbooks';
import type { RunbookCatalog } from '../runbooks/format/runbookCatalog';
import { RunRefusedError, type RunControl } from '../runbooks/run/runControl';
import { createRunPrinter, formatRunbook, formatRunbookList } from './formatRunbooks';
import { UsageError } from './serveCommand';

/** Exit codes of `opsbar runbook run` (documented in the README). */
export const RUNBOOK_EXIT = {
  succeeded: 0,
  /** A step failed its verification (or the run was cancelled). */
  failed: 1,
  /** The run needs an operator (a manual or confirm step, no terminal to ask on): it is left resumable. */
  needsOperator: 2,
  /** Refused before any step ran: unknown or invalid runbook, bad params, file changed. */
  refused: 3,
} as const;

export interface RunbookCommandIo {
  out(text: string): void;
  err(text: string): void;
  /** Asks a yes/no question on the terminal; absent when stdin is not a terminal. */
  ask?: (question: string) => Promise<boolean>;
}

export interface RunbookCommandDeps {
  catalog: RunbookCatalog;
  runs: RunControl;
  subscribe(listener: (message: LiveMessage) => void): () => void;
}

export interface RunbookArgs {
  sub: string | undefined;
  id: string | undefined;
  params: string[];
  yes: boolean;
  json: boolean;
}

/** `opsbar runbook list|show|run`: returns the exit code. */
export async function runbookCommand(args: RunbookArgs, deps: RunbookCommandDeps, io: RunbookCommandIo): Promise<number> {
  deps.catalog.refresh();
  if (args.sub === 'list') {
    io.out(args.json ? `${JSON.stringify(deps.catalog.view())}\n` : formatRunbookList(deps.catalog.view()));
    return 0;
  }
  if (args.sub !== 'show' && args.sub !== 'run') throw new UsageError(`Unknown runbook command ${JSON.stringify(args.sub ?? '')}: use list, show ID or run ID.`);
  if (!args.id) throw new UsageError(`opsbar runbook ${args.sub} needs a runbook id (see opsbar runbook list).`);
  const runbook = deps.catalog.get(args.id);
  if (!runbook) {
    const invalid = deps.catalog.view().invalid.find((entry) => entry.id === args.id);
    io.err(
      invalid
        ? `Runbook ${args.id} (${invalid.file}) is invalid and will not run:\n${invalid.problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}\n`
        : `No runbook ${JSON.stringify(args.id)}. See opsbar runbook list.\n`,
    );
    return RUNBOOK_EXIT.refused;
  }
  if (args.sub === 'show') {
    io.out(args.json ? `${JSON.stringify(runbook)}\n` : formatRunbook(runbook));
    return 0;
  }

  const params = parseParamArgs(args.params);
  let runId: number | null = null;
  const print = args.json ? () => {} : createRunPrinter(() => runId, runbook.steps.map((s) => s.title), io.out);
  const unsubscribe = deps.subscribe(print);
  try {
    let run: RunDetail;
    try {
      run = deps.runs.start({ runbookId: runbook.id, hash: runbook.hash, params, mode: 'auto', trigger: 'cli', startedBy: 'cli', preconfirmed: args.yes });
    } catch (error) {
      if (!(error instanceof RunRefusedError)) throw error;
      io.err(`${error.message}\n`);
      return RUNBOOK_EXIT.refused;
    }
    runId = run.id;
    if (!args.json) io.out(`Run #${run.id}: ${runbook.title} (${runbook.stepCount} steps)\n`);
    run = await deps.runs.settled(run.id);
    while (run.state === 'waiting' && run.wait && io.ask) {
      const wait = run.wait;
      const question =
        wait.kind === 'confirm' ? `Step ${run.currentStep + 1} asks: ${wait.message}. Run it?` : wait.kind === 'manual' ? `Step ${run.currentStep + 1}: ${wait.instruction}\nDone?` : null;
      if (!question) break;
      if (!(await io.ask(question))) {
        run = deps.runs.cancel(run.id);
        break;
      }
      deps.runs.command(run.id, run.currentStep, 'confirm');
      run = await deps.runs.settled(run.id);
    }
    if (run.state === 'waiting') {
      // Nobody to ask: leave it for the app (the run is recorded as interrupted and can be resumed there).
      await deps.runs.shutdown();
      run = deps.runs.get(run.id);
    }
    if (args.json) io.out(`${JSON.stringify(run)}\n`);
    else io.out(`\nRun #${run.id} ${run.state}: ${run.summary}\n${run.suggestedRunbook ? `Next: opsbar runbook show ${run.suggestedRunbook}\n` : ''}`);
    if (run.state === 'succeeded') return RUNBOOK_EXIT.succeeded;
    if (run.state === 'interrupted' || run.state === 'waiting') return RUNBOOK_EXIT.needsOperator;
    return RUNBOOK_EXIT.failed;
  } finally {
    unsubscribe();
  }
}

/** `--param NAME=value` (repeatable); the value may contain `=`. Validation against the declaration happens in the runner. */
export function parseParamArgs(pairs: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--param needs NAME=value, not ${JSON.stringify(pair)}.`);
    const name = pair.slice(0, at);
    if (Object.prototype.hasOwnProperty.call(params, name)) throw new UsageError(`--param ${name} given twice.`);
    params[name] = pair.slice(at + 1);
  }
  return params;
}
