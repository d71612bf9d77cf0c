import { parseArgs } from 'node:util';
import { resolveDataDir } from '../config/dataDir';
import { consoleLogger, silentLogger } from '../logger';
import { builtInModules } from '../monitors/registry';
import { alertsCli } from './alertsCli';
import { containerCli } from './containerCli';
import { diagnosticsCli } from './diagnosticsCli';
import { emergencyCli } from './emergencyCli';
import { formatModuleText, formatStatusText } from './formatStatus';
import { incidentsCli } from './incidentsCli';
import { keepAliveClock } from './keepAliveClock';
import { logsCli } from './logsCli';
import { modelsProbeCommand } from './modelsCommand';
import { runbookCli } from './runbookCli';
import { serveCommand, UsageError } from './serveCommand';
import { takeStatus } from './statusCommand';

const USAGE = `Usage: opsbar <command> [options]

Commands:
  serve    Serve the dashboard and API on loopback (headless mode)
           --host 127.0.0.1  --port N (0 = any free port)  --allow-non-loopback
           --token-file PATH  a stable token (Prometheus' credentials_file): read, or created 0600
  status   Print a one-shot status snapshot   --json
  gpu      GPUs and the processes holding their memory (the status's gpu section)   --json
  docker   The stacks and their containers (the status's docker section)   --json
  models   Model servers, what each has loaded, their last probes (the status's models section)   --json
  models probe [--endpoint URL] [--model NAME] [--load] [--json]
           One probe (TTFT, decode and prefill tokens/s) of each loaded model, on every
           endpoint or only --endpoint's, or only of --model; written to the history.
           --load also probes a model that is not loaded (the server loads it).
           Exit: 0 every probe measured, 1 one failed, 3 nothing could be probed
  runbook list               The runbook library (and invalid files, with file:line)   --json
  runbook show ID            A runbook's params and steps: what runs, how it is verified   --json
  runbook run ID [--param NAME=value]… [--yes] [--json]
           Runs every step, verifying each; stops at the first failed verification.
           --yes confirms destructive steps without asking. Exit: 0 passed, 1 a step
           failed, 2 needs an operator (left resumable in the app), 3 refused

  alerts   Pending, firing and recently resolved alerts, worst first   --json
           Exit: 0 nothing fires, 1 a warning fires, 2 critical or emergency
  silence KIND[:SUBJECT] --for 2h [--reason TEXT]
           Holds back notifications of an alert kind (one subject, or all) below critical
  silence list | silence remove ID
  incidents                  Open incidents first, then resolved ones   --json
  incident show|ack|resolve|note ID [TEXT]
           An incident's timeline; acknowledge it, resolve it, add a note
  audit [--kind KIND] [--since 24h] [--limit N]   What was done: runbook runs, steps,
           settings, notifications, silences, incidents   --json

  emergency disk|gpu|rollback --plan [--stack NAME] [--snapshot ID] [--yes [--item ID]…] [--json]
           Plans an emergency action: every item it would touch, what it keeps and why,
           with a plan id. Touches nothing. --yes then executes exactly that plan
           in this command (a full disk: plans cannot be saved for the next one)
  emergency execute PLAN_ID [--item ID]… [--json]
           Executes that plan (all its selected items, or only the --item ones), then
           verifies it (bytes freed, GPU memory released, stack healthy). Exit: 0 verified,
           1 failed or not verified, 3 refused (expired, busy, precondition)
  emergency show PLAN_ID | emergency list | emergency cancel PLAN_ID | emergency usage
  snapshots [--stack NAME] [--json]   Known-good stack snapshots, with what differs from now
  snapshot take STACK                 Takes a snapshot of a stack now

  logs CONTAINER [--tail N|all] [--follow] [--json]
           A container's log (last 500 lines by default; stderr lines marked "stderr|");
           --follow keeps printing new lines until Ctrl-C or the container stops
  restart|stop|start CONTAINER [--yes] [--json]
  restart --stack NAME [--yes] [--json]
           Plans the action (what will be stopped and started, in which order), asks on a
           terminal (without one it needs --yes), runs it through the emergency framework
           (audited) and waits for running/healthy. Exit: 0 verified, 1 failed or not
           verified, 3 refused or not confirmed
  diagnostics --out FILE   What to attach to a bug report: versions, settings without
           secrets, the last status, recent events and errors, the store's health

Common options:
  --data-dir DIR   Data directory (default: $OPSBAR_DATA_DIR, else the app's per-user folder)
  -h, --help       Show this help
`;

const EXIT_FOR_SEVERITY: Record<string, number> = { ok: 0, unknown: 0, warning: 1, critical: 2 };

/** The CLI's entry: returns the exit code (serve resolves only when stopped). */
export async function main(argv: string[], io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        'allow-non-loopback': { type: 'boolean', default: false },
        'token-file': { type: 'string' },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        param: { type: 'string', multiple: true, default: [] },
        yes: { type: 'boolean', default: false },
        endpoint: { type: 'string' },
        model: { type: 'string' },
        load: { type: 'boolean', default: false },
        for: { type: 'string' },
        reason: { type: 'string' },
        kind: { type: 'string' },
        since: { type: 'string' },
        limit: { type: 'string' },
        plan: { type: 'boolean', default: false },
        stack: { type: 'string' },
        snapshot: { type: 'string' },
        item: { type: 'string', multiple: true, default: [] },
        tail: { type: 'string' },
        follow: { type: 'boolean', short: 'f', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 64;
  }
  const dataDir = resolveDataDir({ flag: values['data-dir'] });

  try {
    if (command === 'status') {
      const { status, problems } = await takeStatus({ dataDir, clock: keepAliveClock, log: silentLogger });
      if (values.json) io.out(`${JSON.stringify({ ...status, configProblems: problems })}\n`);
      else io.out(formatStatusText(status, builtInModules) + problems.map((p) => `\n${p}`).join(''));
      return EXIT_FOR_SEVERITY[status.overall] ?? 0;
    }
    if (command === 'models' && positionals[1] === 'probe') {
      const request = { endpoint: values.endpoint, model: values.model, load: values.load, json: values.json };
      return await modelsProbeCommand({ dataDir, clock: keepAliveClock, log: silentLogger, ...request }, io);
    }
    const module = builtInModules.find((m) => m.id === command && m.text);
    if (module) {
      // `opsbar gpu`: one module's section alone, the same object as in `status --json`.
      const { status, problems } = await takeStatus({ dataDir, clock: keepAliveClock, log: silentLogger, modules: [module.id] });
      if (values.json) io.out(`${JSON.stringify(status[module.id])}\n`);
      else io.out(formatModuleText(status, module) + problems.map((p) => `\n${p}`).join(''));
      return 0;
    }
    const alerting = { dataDir, positionals: positionals.slice(1), json: values.json, for: values.for, reason: values.reason, kind: values.kind, since: values.since, limit: values.limit };
    if (command === 'alerts' || command === 'silence') return await alertsCli(command, alerting, io);
    if (command === 'incidents' || command === 'incident' || command === 'audit') return await incidentsCli(command, alerting, io);
    if (command === 'emergency' || command === 'snapshots' || command === 'snapshot') {
      return await emergencyCli(command, { dataDir, positionals: positionals.slice(1), json: values.json, plan: values.plan, stack: values.stack, snapshot: values.snapshot, items: values.item, yes: values.yes }, io);
    }
    if (command === 'logs') {
      return await logsCli({ dataDir, positionals: positionals.slice(1), tail: values.tail, follow: values.follow, json: values.json }, io);
    }
    if (command === 'restart' || command === 'stop' || command === 'start') {
      return await containerCli({ dataDir, verb: command, positionals: positionals.slice(1), stack: values.stack, yes: values.yes, json: values.json }, io);
    }
    if (command === 'diagnostics') return await diagnosticsCli({ dataDir, out: values.out }, io);
    if (command === 'runbook') {
      return await runbookCli(dataDir, { sub: positionals[1], id: positionals[2], params: values.param, yes: values.yes, json: values.json }, io);
    }
    if (command === 'serve') {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, not ${JSON.stringify(values.port)}.`);
      const log = values.quiet ? silentLogger : consoleLogger;
      // Listening from the first moment: a signal during start-up stops Opsbar cleanly once the
      // pieces already started exist, instead of killing it with the store open.
      const stopRequested = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      const running = await serveCommand({
        dataDir,
        host: values.host,
        port,
        allowNonLoopback: values['allow-non-loopback'],
        tokenFile: values['token-file'],
        log,
        out: (line) => io.out(`${line}\n`),
      });
      await stopRequested;
      await running.stop();
      return 0;
    }
    io.err(`Unknown command ${JSON.stringify(command)}.\n\n${USAGE}`);
    return 64;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`);
      return 64;
    }
    io.err(`opsbar ${command} failed: ${(error as Error).message}\n`);
    return 1;
  }
}
