import { createInterface } from 'node:readline/promises';
import { keepAliveClock } from './keepAliveClock';
import { openRunbookWorkspace } from './runbookWorkspace';
import { runbookCommand, type RunbookArgs, type RunbookCommandIo } from './runbookCommand';

/** `opsbar runbook …` with the real data dir: the store, the library and a runner, but no monitors. */
export async function runbookCli(dataDir: string, args: RunbookArgs, io: Pick<RunbookCommandIo, 'out' | 'err'>): Promise<number> {
  // Step timeouts and polling waits are the only timers of a CLI run: they must keep the process alive.
  const workspace = openRunbookWorkspace({ dataDir, clock: keepAliveClock });
  for (const notice of workspace.notices) io.err(`${notice}\n`);
  const ask = process.stdin.isTTY && !args.json ? askOnTerminal : undefined;
  const stopOnSignal = () => void workspace.runs.shutdown();
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    return await runbookCommand(args, workspace, { ...io, ask });
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    await workspace.close();
  }
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
