import { actionIdSchema, stackNameSchema } from '../../../shared/api/contract/actions';
import type { ActionOutcome, ActionPlan, ActionRecord, DiskUsageView, SnapshotView } from '../../../shared/types/actions';
import type { AnyActionPlugin } from '../actions/actionPlugin';
import { NotFoundError } from '../api/dispatcher';
import type { OpsbarCore } from '../opsbarCore';
import { ACTION_EXIT, withActionCore } from './actionCliCore';
import type { CliIo } from './alertingArgs';
import { formatDiskUsage, formatItemOutcome, formatOutcome, formatPlan, formatRecord, formatRecords, formatSnapshots } from './formatActions';

/** What `opsbar emergency|snapshots|snapshot` are given (positionals after the command). */
export interface EmergencyArgs {
  dataDir: string;
  positionals: string[];
  json: boolean;
  plan: boolean;
  stack?: string;
  snapshot?: string;
  items: string[];
  /** With --plan: execute the plan just printed, in this process (a full disk: plans made by one command cannot reach the next). */
  yes?: boolean;
}

/** Test seam: the actions the core is built with (default: the built-in disk, gpu and rollback). */
export interface EmergencyCliOptions {
  actionPlugins?: readonly AnyActionPlugin[];
}

const EXIT = ACTION_EXIT;
const USAGE =
  'Usage: opsbar emergency disk|gpu|rollback --plan [--stack NAME] [--snapshot ID] [--yes [--item ID]…] [--json]\n' +
  '       opsbar emergency execute PLAN_ID [--item ID]… [--json]\n' +
  '       opsbar emergency show PLAN_ID | list | cancel PLAN_ID | usage   [--json]';

class UsageError extends Error {}

/** A command: what it does with an open core. */
type Command = (core: OpsbarCore, io: CliIo) => Promise<number>;

/**
 * `opsbar emergency …`, `opsbar snapshots`, `opsbar snapshot take STACK`: the core in the CLI role
 * on the data dir's history file, so a plan made here can be executed by the app and the other
 * way round, and the host's action lock is shared with them.
 */
export async function emergencyCli(command: 'emergency' | 'snapshots' | 'snapshot', args: EmergencyArgs, io: CliIo, options: EmergencyCliOptions = {}): Promise<number> {
  let run: Command;
  try {
    run = command === 'snapshots' ? snapshotsCommand(args) : command === 'snapshot' ? snapshotTakeCommand(args) : emergencyCommand(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n`);
    return EXIT.usage;
  }
  return withActionCore({ dataDir: args.dataDir, actionPlugins: options.actionPlugins }, io, (core) => run(core, io));
}

const idOf = (raw: string | undefined, what: string, sub: string): string => {
  if (raw === undefined) throw new UsageError(`opsbar emergency ${sub} needs a ${what} id, e.g. opsbar emergency ${sub} pl_Xk3… (opsbar emergency list shows them).`);
  if (!actionIdSchema.safeParse(raw).success) throw new UsageError(`"${raw}" is not a ${what} id: ids are 8 to 64 letters, digits, dashes and underscores, as opsbar emergency list prints them.`);
  return raw;
};

function noExtra(sub: string, rest: string[], args: EmergencyArgs, allowed: ('plan' | 'stack' | 'snapshot' | 'items')[] = []): void {
  if (rest.length) throw new UsageError(`opsbar emergency ${sub} takes no more arguments (got "${rest[0]}").\n${USAGE}`);
  const given = (['plan', 'stack', 'snapshot', 'items'] as const).filter((o) => (o === 'items' ? args.items.length > 0 : o === 'plan' ? args.plan : args[o] !== undefined));
  const wrong = given.filter((o) => !allowed.includes(o));
  if (wrong.length) throw new UsageError(`opsbar emergency ${sub} does not take --${wrong[0] === 'items' ? 'item' : wrong[0]}.\n${USAGE}`);
}

function emergencyCommand(args: EmergencyArgs): Command {
  const [sub, ...rest] = args.positionals;
  if (sub === 'disk' || sub === 'gpu' || sub === 'rollback') return planCommand(sub, rest, args);
  if (sub === 'execute') {
    const id = idOf(rest[0], 'plan', sub);
    noExtra(sub, rest.slice(1), args, ['items']);
    return (core, io) => executeCommand(core, io, id, args);
  }
  if (sub === 'show' || sub === 'cancel') {
    const id = idOf(rest[0], 'plan', sub);
    noExtra(sub, rest.slice(1), args);
    return sub === 'show' ? async (core, io) => show(io, args.json, core.actions.get(id)) : async (core, io) => cancelCommand(core, io, id);
  }
  if (sub === 'list' || sub === 'usage') {
    noExtra(sub, rest, args);
    if (sub === 'list') return async (core, io) => print(io, args.json, core.actions.recent(20), formatRecords);
    return async (core, io) => print<DiskUsageView>(io, args.json, await core.actions.diskUsage(), formatDiskUsage);
  }
  throw new UsageError(sub ? `Unknown emergency command "${sub}".\n${USAGE}` : USAGE);
}

function planCommand(action: 'disk' | 'gpu' | 'rollback', rest: string[], args: EmergencyArgs): Command {
  if (!args.plan) {
    throw new UsageError(
      `opsbar emergency ${action} only plans, and needs --plan: planning and executing are separate on purpose, so you see every item it would touch first.\n` +
        `Run opsbar emergency ${action} --plan${action === 'rollback' ? ' --stack NAME' : ''}, read the plan, then opsbar emergency execute PLAN_ID.`,
    );
  }
  // --item with --yes: of the plan just printed, only these (an opt-in model cache on a full disk).
  const allowed: ('plan' | 'stack' | 'snapshot' | 'items')[] = action === 'rollback' ? ['plan', 'stack', 'snapshot'] : ['plan'];
  noExtra(action, rest, args, args.yes ? [...allowed, 'items'] : allowed);
  let params: Record<string, unknown> = {};
  if (action === 'rollback') {
    if (args.stack === undefined) throw new UsageError('opsbar emergency rollback --plan needs --stack NAME (the compose project to roll back; opsbar snapshots lists them).');
    if (!stackNameSchema.safeParse(args.stack).success) throw new UsageError(`--stack "${args.stack}" is not a compose project name (lower-case letters, digits, dashes, dots, underscores).`);
    if (args.snapshot !== undefined && !actionIdSchema.safeParse(args.snapshot).success) throw new UsageError(`--snapshot "${args.snapshot}" is not a snapshot id (opsbar snapshots --stack ${args.stack} lists them).`);
    params = { stack: args.stack, ...(args.snapshot !== undefined ? { snapshotId: args.snapshot } : {}) };
  }
  return async (core, io) => {
    const reply = await core.dispatch('actions.plan', { action, params }, { caller: 'cli' });
    if (!reply.ok) {
      io.err(`${reply.error.message}\n`);
      return reply.error.code === 'bad_request' ? EXIT.usage : reply.error.code === 'refused' || reply.error.code === 'unavailable' ? EXIT.refused : EXIT.failed;
    }
    const plan = reply.value as ActionPlan;
    if (args.yes && !plan.refusals.length) {
      // Shown, then confirmed by --yes: exactly the plan just printed, in this process.
      if (!args.json) io.out(`${formatPlan(plan).replace(/\n*Execute with:[\s\S]*$/, '\n')}\n--yes: executing exactly this plan now.\n`);
      return executeCommand(core, io, plan.id, args, plan);
    }
    print(io, args.json, plan, formatPlan);
    return plan.refusals.length ? EXIT.refused : EXIT.ok;
  };
}

/** Runs the plan in this process (holding the host's lock), printing each item's outcome as it happens. */
async function executeCommand(core: OpsbarCore, io: CliIo, planId: string, args: EmergencyArgs, planned?: ActionPlan): Promise<number> {
  let plan: ActionPlan;
  try {
    plan = core.actions.get(planId).plan;
  } catch (error) {
    // On a full disk the plan of an earlier command lived only in that command's memory.
    if (error instanceof NotFoundError && core.notices.some((n) => /not being saved/i.test(n))) {
      throw new NotFoundError(`${error.message} The history file cannot be written here, so a plan does not carry from one command to the next: plan and execute in one command with opsbar emergency <action> --plan --yes (it prints the plan, then executes exactly it).`);
    }
    throw error;
  }
  const printed = new Set<string>();
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  const unsubscribe = core.subscribe((message) => {
    if (args.json || message.type !== 'action' || message.outcome.planId !== planId) return;
    for (const item of message.outcome.items) {
      if (item.outcome === 'pending' || item.outcome === 'in-flight' || printed.has(item.id)) continue;
      printed.add(item.id);
      io.out(`${formatItemOutcome(item, byId.get(item.id))}\n`);
    }
  });
  // Ctrl-C stops before the next item (the one in flight finishes: cut short, it may be half done);
  // a second Ctrl-C stops at once, and the item in flight then reads "outcome unknown".
  const stopNow = () => {
    process.off('SIGINT', stopNow);
    process.kill(process.pid, 'SIGINT');
  };
  const onInterrupt = () => {
    process.off('SIGINT', onInterrupt);
    process.on('SIGINT', stopNow);
    if (core.actions.cancel(planId)) io.err('Cancelling: the item in flight finishes, nothing after it runs (Ctrl-C again stops at once).\n');
  };
  process.on('SIGINT', onInterrupt);
  try {
    const run = core.actions.execute({ planId, hash: plan.hash, itemIds: args.items.length ? args.items : undefined }, 'cli');
    if (!args.json) io.out(`Executing plan ${planId} (${plan.action}): ${run.outcome.items.length} items.\n`);
    const outcome = await run.done;
    if (planned && args.json) print(io, true, { plan: planned, outcome }, () => '');
    else print(io, args.json, outcome, (o: ActionOutcome) => formatOutcome(o, plan, { items: false }));
    return outcome.state === 'succeeded' ? EXIT.ok : outcome.state === 'refused' ? EXIT.refused : EXIT.failed;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGINT', stopNow);
    unsubscribe();
  }
}

async function cancelCommand(core: OpsbarCore, io: CliIo, planId: string): Promise<number> {
  const record = core.actions.get(planId);
  if (!core.actions.cancel(planId)) {
    io.err(`Plan ${planId} is not running (${record.outcome ? record.outcome.state : 'never executed'}): there is nothing to cancel.\n`);
    return EXIT.failed;
  }
  io.out(`Cancel requested: the process running plan ${planId} stops before its next item (the item in flight finishes). Follow it with opsbar emergency show ${planId}.\n`);
  return EXIT.ok;
}

function show(io: CliIo, json: boolean, record: ActionRecord): number {
  return print(io, json, record, formatRecord);
}

function print<T>(io: CliIo, json: boolean, value: T, text: (value: T) => string): number {
  io.out(json ? `${JSON.stringify(value, null, 2)}\n` : text(value));
  return EXIT.ok;
}

function snapshotsCommand(args: EmergencyArgs): Command {
  if (args.positionals.length) throw new UsageError(`opsbar snapshots takes no arguments (got "${args.positionals[0]}"); one stack: opsbar snapshots --stack NAME.`);
  if (args.stack !== undefined && !stackNameSchema.safeParse(args.stack).success) throw new UsageError(`--stack "${args.stack}" is not a compose project name.`);
  return async (core, io) => {
    const views = await core.snapshots.list(args.stack);
    print<SnapshotView[]>(io, args.json, views, formatSnapshots);
    return EXIT.ok;
  };
}

function snapshotTakeCommand(args: EmergencyArgs): Command {
  const [sub, stack, ...rest] = args.positionals;
  if (sub !== 'take') throw new UsageError('Usage: opsbar snapshot take STACK');
  if (stack === undefined) throw new UsageError('opsbar snapshot take needs the stack, e.g. opsbar snapshot take shop (its compose project name).');
  if (rest.length) throw new UsageError(`opsbar snapshot take takes one stack (got also "${rest[0]}").`);
  if (!stackNameSchema.safeParse(stack).success) throw new UsageError(`"${stack}" is not a compose project name (lower-case letters, digits, dashes, dots, underscores).`);
  return async (core, io) => {
    const reply = await core.dispatch('snapshots.take', { stack }, { caller: 'cli' });
    if (!reply.ok) {
      io.err(`${reply.error.message}\n`);
      return reply.error.code === 'refused' || reply.error.code === 'not_found' ? EXIT.refused : EXIT.failed;
    }
    const view = reply.value as SnapshotView;
    print(io, args.json, view, (v) => `Snapshot taken.\n${formatSnapshots([v])}`);
    return EXIT.ok;
  };
}
