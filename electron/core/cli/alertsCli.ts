import { alertKindSchema } from '../../../shared/api/contract/alerts';
import { formatDuration, parseDuration } from '../../../shared/format/duration';
import { alertSeverityRank, type AlertsSnapshot, type AlertView, type Silence } from '../../../shared/types/alerts';
import { createOpsbarCore } from '../createCore';
import { silentLogger } from '../logger';
import type { OpsbarCore } from '../opsbarCore';
import type { AlertingArgs, CliIo } from './alertingArgs';
import { UsageError } from './serveCommand';

/** The API's bounds for a silence (shared/api/contract/alerts.ts): a minute to 90 days. */
const MIN_SILENCE_MS = 60_000;
const MAX_SILENCE_MS = 90 * 24 * 3_600_000;

/**
 * `opsbar alerts [--json]` (exit 0 nothing fires, 1 a warning fires, 2 critical or emergency) and
 * `opsbar silence KIND[:SUBJECT] --for 2h [--reason TEXT] | list | remove ID`, on the data dir
 * the app writes (role cli: the states the app stored; silences are written for it to see).
 */
export async function alertsCli(command: 'alerts' | 'silence', args: AlertingArgs, io: CliIo): Promise<number> {
  const core = createOpsbarCore({ dataDir: args.dataDir, log: silentLogger, role: 'cli' });
  for (const notice of core.notices) io.err(`${notice}\n`);
  try {
    if (command === 'alerts') return alertsCommand(core.alerts.snapshot(), args, io);
    return silenceCommand(core, args, io);
  } finally {
    await core.stop();
  }
}

function alertsCommand(snapshot: AlertsSnapshot, args: AlertingArgs, io: CliIo): number {
  if (args.json) io.out(`${JSON.stringify(snapshot, null, 2)}\n`);
  else io.out(snapshot.alerts.length === 0 ? 'No alerts.\n' : snapshot.alerts.map((a) => `${alertLine(a)}\n`).join(''));
  const worst = snapshot.worstFiring;
  if (worst === null || alertSeverityRank(worst) < alertSeverityRank('warning')) return 0;
  return alertSeverityRank(worst) >= alertSeverityRank('critical') ? 2 : 1;
}

/** "FIRING critical container.restart_loop demo-loop — restarted 6 times in 10 min (since 12:01, incident #3)". */
export function alertLine(alert: AlertView): string {
  const summary = alert.summary.startsWith(`${alert.subject} `) ? alert.summary.slice(alert.subject.length + 1) : alert.summary;
  const notes: string[] = [];
  if (alert.state === 'resolved' && alert.resolvedAt !== null) notes.push(`resolved ${clock(alert.resolvedAt)}`);
  else notes.push(`since ${clock(alert.firedAt ?? alert.since)}`);
  if (alert.incidentId !== null) notes.push(`incident #${alert.incidentId}`);
  if (alert.flapping) notes.push('flapping');
  if (alert.silence) notes.push(`silenced until ${clock(alert.silence.until)}`);
  return `${alert.state.toUpperCase()} ${alert.severity} ${alert.kind} ${alert.subject}${summary ? ` — ${summary}` : ''} (${notes.join(', ')})`;
}

function silenceCommand(core: OpsbarCore, args: AlertingArgs, io: CliIo): number {
  const [first, second] = args.positionals;
  if (first === undefined) throw new UsageError('Say what to silence: opsbar silence KIND[:SUBJECT] --for 2h [--reason TEXT], or opsbar silence list.');
  if (first === 'list') {
    const silences = core.alerts.silences.list();
    if (args.json) io.out(`${JSON.stringify(silences, null, 2)}\n`);
    else io.out(silences.length === 0 ? 'No active silences.\n' : silences.map((s) => `${silenceLine(s)}\n`).join(''));
    return 0;
  }
  if (first === 'remove') {
    const id = Number(second);
    if (!Number.isInteger(id) || id <= 0) throw new UsageError(`opsbar silence remove needs a silence id (a number from opsbar silence list), not ${JSON.stringify(second ?? '')}.`);
    if (!core.alerts.silences.remove(id, 'cli')) {
      io.err(`No active silence #${id}: see opsbar silence list.\n`);
      return 1;
    }
    io.out(`Removed silence #${id}.\n`);
    return 0;
  }
  const { kind, subject } = parseTarget(first);
  const forMs = silenceLength(args.for);
  const silence = core.alerts.silences.add({ kind, subject, until: Date.now() + forMs, reason: args.reason ?? '', createdBy: 'cli' });
  if (args.json) io.out(`${JSON.stringify(silence, null, 2)}\n`);
  else io.out(`${silenceLine(silence)}\nIt ends in ${formatDuration(forMs)}; remove it sooner with: opsbar silence remove ${silence.id}\n`);
  return 0;
}

/** `KIND` or `KIND:SUBJECT`; a subject may hold ':' (`disk.free:disk:/`), so only a valid kind before the first ':' splits. */
export function parseTarget(text: string): { kind: string; subject: string | null } {
  const colon = text.indexOf(':');
  if (colon > 0 && alertKindSchema.safeParse(text.slice(0, colon)).success) {
    const subject = text.slice(colon + 1);
    return { kind: text.slice(0, colon), subject: subject === '' ? null : subject };
  }
  if (!alertKindSchema.safeParse(text).success) {
    throw new UsageError(`${JSON.stringify(text)} is not an alert kind: write KIND or KIND:SUBJECT with a dotted lower-case kind, e.g. disk.free:disk:/ or container.restart_loop (opsbar alerts lists them).`);
  }
  return { kind: text, subject: null };
}

function silenceLength(text: string | undefined): number {
  if (text === undefined) throw new UsageError('Say how long the silence holds: --for 2h (30m, 1d…).');
  const ms = parseDuration(text);
  if (ms === null) throw new UsageError(`--for ${JSON.stringify(text)} is not a duration: write e.g. 30m, 2h or 1d.`);
  if (ms < MIN_SILENCE_MS || ms > MAX_SILENCE_MS) throw new UsageError(`--for must be between 1m and 90d, not ${text}.`);
  return ms;
}

function silenceLine(s: Silence): string {
  const target = `${s.kind}${s.subject === null ? ' (every subject)' : `:${s.subject}`}`;
  return `Silence #${s.id} ${target} until ${dateTime(s.until)}${s.reason ? ` — ${s.reason}` : ''} (by ${s.createdBy})`;
}

/** Local "12:01". */
function clock(at: number): string {
  return new Date(at).toTimeString().slice(0, 5);
}

/** Local "2026-12-02 14:00". */
function dateTime(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
