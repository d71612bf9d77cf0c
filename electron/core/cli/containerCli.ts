import { createInterface } from 'node:readline/promises';
import { containerRefSchema, stackNameSchema } from '../../../shared/api/contract/actions';
import type { ActionOutcome, ActionPlan } from '../../../shared/types/actions';
import type { OpsbarCore } from '../opsbarCore';
import { ACTION_EXIT, withActionCore } from './actionCliCore';
import type { CliIo } from './alertingArgs';
import { formatContainerPlan } from './formatContainerPlan';
import { formatItemOutcome, formatOutcome } from './formatActions';

export interface ContainerCliArgs {
  dataDir: string;
  verb: 'restart' | 'stop' | 'start';
  positionals: string[];
  stack: string | undefined;
  yes: boolean;
  json: boolean;
}

/** Test seam: how the operator is asked (default: a prompt on the terminal, none when stdin is not one). */
export interface ContainerCliOptions {
  ask?: ((question: string) => Promise<boolean>) | null;
}

const EXIT = ACTION_EXIT;
const USAGE = 'Usage: opsbar restart|stop|start CONTAINER [--yes] [--json]\n       opsbar restart --stack NAME [--yes] [--json]';

function paramsOf(args: ContainerCliArgs): { verb: ContainerCliArgs['verb']; container?: string; stack?: string } | string {
  const [container, ...rest] = args.positionals;
  if (rest.length) return `opsbar ${args.verb} takes one container (got also "${rest[0]}").\n${USAGE}`;
  if (args.stack !== undefined) {
    if (container !== undefined) return `Name either a container or --stack, not both.\n${USAGE}`;
    if (args.verb !== 'restart') return `Only a restart takes --stack (a whole stack is restarted in dependency order); ${args.verb} its containers one by one.\n${USAGE}`;
    if (!stackNameSchema.safeParse(args.stack).success) return `--stack "${args.stack}" is not a compose project name (lower-case letters, digits, dashes, dots, underscores).`;
    return { verb: args.verb, stack: args.stack };
  }
  if (container === undefined) return `opsbar ${args.verb} needs a container (its name or id; opsbar docker lists them).\n${USAGE}`;
  if (!containerRefSchema.safeParse(container).success) return `"${container}" is not a container name or id (letters, digits, dots, dashes, underscores).`;
  return { verb: args.verb, container };
}

/** `opsbar restart|stop|start CONTAINER [--yes]`, `opsbar restart --stack NAME [--yes]`: planned, confirmed, verified. */
export async function containerCli(args: ContainerCliArgs, io: CliIo, options: ContainerCliOptions = {}): Promise<number> {
  const params = paramsOf(args);
  if (typeof params === 'string') {
    io.err(`${params}\n`);
    return EXIT.usage;
  }
  const ask = options.ask !== undefined ? options.ask : process.stdin.isTTY && !args.json ? askOnTerminal : null;
  return withActionCore({ dataDir: args.dataDir }, io, async (core) => {
    const reply = await core.dispatch('actions.plan', { action: 'container', params }, { caller: 'cli' });
    if (!reply.ok) {
      io.err(`${reply.error.message}\n`);
      return reply.error.code === 'bad_request' ? EXIT.usage : reply.error.code === 'refused' || reply.error.code === 'unavailable' ? EXIT.refused : EXIT.failed;
    }
    const plan = reply.value as ActionPlan;
    if (!args.json) io.out(formatContainerPlan(plan));
    if (plan.refusals.length) return json(io, args, { plan, outcome: null }, EXIT.refused);
    if (plan.items.length === 0) return json(io, args, { plan, outcome: null }, EXIT.ok);
    const what = plan.title.charAt(0).toLowerCase() + plan.title.slice(1);
    if (!args.yes) {
      if (!ask) {
        io.err(`Not confirmed: to ${what}, run again with --yes (stdin is not a terminal, so Opsbar cannot ask). Nothing was touched.\n`);
        return json(io, args, { plan, outcome: null }, EXIT.refused);
      }
      if (!(await ask(`Type yes to ${what}:`))) {
        io.err('Not confirmed: nothing was touched.\n');
        return EXIT.refused;
      }
    }
    const outcome = await execute(core, io, plan, args.json);
    const code = outcome.state === 'succeeded' ? EXIT.ok : outcome.state === 'refused' ? EXIT.refused : EXIT.failed;
    if (args.json) return json(io, args, { plan, outcome }, code);
    io.out(formatOutcome(outcome, plan, { items: false }));
    return code;
  });
}

function json(io: CliIo, args: ContainerCliArgs, value: { plan: ActionPlan; outcome: ActionOutcome | null }, code: number): number {
  if (args.json) io.out(`${JSON.stringify(value, null, 2)}\n`);
  return code;
}

/** Runs the plan in this process (holding the host's action lock), printing each container's outcome as it happens. */
async function execute(core: OpsbarCore, io: CliIo, plan: ActionPlan, quiet: boolean): Promise<ActionOutcome> {
  const printed = new Set<string>();
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  const unsubscribe = core.subscribe((message) => {
    if (quiet || message.type !== 'action' || message.outcome.planId !== plan.id) return;
    for (const item of message.outcome.items) {
      if (item.outcome === 'pending' || item.outcome === 'in-flight' || printed.has(item.id)) continue;
      printed.add(item.id);
      io.out(`${formatItemOutcome(item, byId.get(item.id))}\n`);
    }
  });
  // Ctrl-C: stop before the next container (the one in flight finishes).
  const onInterrupt = () => {
    if (core.actions.cancel(plan.id)) io.err('Cancelling: the container in flight finishes, nothing after it runs.\n');
  };
  process.once('SIGINT', onInterrupt);
  try {
    const run = core.actions.execute({ planId: plan.id, hash: plan.hash }, 'cli');
    if (!quiet) io.out(`Executing plan ${plan.id}: ${run.outcome.items.length} item(s).\n`);
    return await run.done;
  } finally {
    process.off('SIGINT', onInterrupt);
    unsubscribe();
  }
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(`${question} `)).trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}
