import { parseDuration } from '../../../shared/format/duration';
import type { AuditRecord } from '../../../shared/types/audit';
import type { IncidentDetail, IncidentSummary } from '../../../shared/types/incidents';
import { createOpsbarCore } from '../createCore';
import { formatSpan } from '../incidents/incidentLifecycle';
import { silentLogger } from '../logger';
import type { OpsbarCore } from '../opsbarCore';
import type { AlertingArgs, CliIo } from './alertingArgs';

/** sysexits' EX_USAGE: the command line itself is wrong. */
const USAGE = 64;
const INCIDENT_USAGE = 'Usage: opsbar incident show|ack|resolve|note ID [TEXT]';

class UsageError extends Error {}

/** One API call and how its answer reads as text. */
interface CliRequest {
  method: string;
  payload: Record<string, unknown>;
  text(value: unknown): string;
}

/** `opsbar incidents`, `opsbar incident show|ack|resolve|note ID [TEXT]`, `opsbar audit`: the app's own handlers, as the caller `cli`. */
export async function incidentsCli(command: 'incidents' | 'incident' | 'audit', args: AlertingArgs, io: CliIo): Promise<number> {
  let request: CliRequest;
  try {
    request = command === 'audit' ? auditRequest(args) : command === 'incidents' ? listRequest(args) : incidentRequest(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n`);
    return USAGE;
  }
  const core = createOpsbarCore({ dataDir: args.dataDir, log: silentLogger, role: 'cli' });
  try {
    for (const notice of core.notices) io.err(`${notice}\n`);
    return await answer(core, request, args.json, io);
  } finally {
    await core.stop();
  }
}

async function answer(core: OpsbarCore, { method, payload, text }: CliRequest, json: boolean, io: CliIo): Promise<number> {
  const reply = await core.dispatch(method, payload, { caller: 'cli' });
  if (!reply.ok) {
    io.err(`${reply.error.message}\n`);
    return reply.error.code === 'bad_request' ? USAGE : 1;
  }
  io.out(json ? `${JSON.stringify(reply.value, null, 2)}\n` : text(reply.value));
  return 0;
}

function listRequest(args: AlertingArgs): CliRequest {
  if (args.positionals.length) throw new UsageError(`opsbar incidents takes no arguments (got "${args.positionals[0]}"); for one incident: opsbar incident show ID`);
  const limit = limitOf(args, 100);
  return { method: 'incidents.list', payload: { state: 'all', limit }, text: (value) => incidentTable(value as IncidentSummary[]) };
}

function incidentRequest(args: AlertingArgs): CliRequest {
  const [sub, rawId, ...rest] = args.positionals;
  const subs = ['show', 'ack', 'resolve', 'note'];
  if (!sub || !subs.includes(sub)) throw new UsageError(sub ? `Unknown incident command "${sub}". ${INCIDENT_USAGE}` : INCIDENT_USAGE);
  if (rawId === undefined) throw new UsageError(`opsbar incident ${sub} needs an incident id, e.g. opsbar incident ${sub} 3 (opsbar incidents lists them).`);
  if (!/^[1-9]\d{0,14}$/.test(rawId)) throw new UsageError(`"${rawId}" is not an incident id: write its number, e.g. opsbar incident ${sub} 3.`);
  const id = Number(rawId);
  const text = rest.join(' ').trim();
  if (sub === 'note' && !text) throw new UsageError(`opsbar incident note ${id} needs the note's text, e.g. opsbar incident note ${id} "restarted the proxy".`);
  if ((sub === 'show' || sub === 'ack') && text) throw new UsageError(`opsbar incident ${sub} takes only the id (got "${text}").`);
  const done = (what: string) => (value: unknown) => `Incident #${id} ${what}.\n${incidentText(value as IncidentDetail)}`;
  const requests: Record<string, CliRequest> = {
    show: { method: 'incidents.get', payload: { id }, text: (value) => incidentText(value as IncidentDetail) },
    ack: { method: 'incidents.ack', payload: { id }, text: done('acknowledged') },
    resolve: { method: 'incidents.resolve', payload: text ? { id, note: text } : { id }, text: done('resolved') },
    note: { method: 'incidents.note', payload: { id, text }, text: done('has a new note') },
  };
  return requests[sub];
}

function auditRequest(args: AlertingArgs): CliRequest {
  if (args.positionals.length) throw new UsageError(`opsbar audit takes no arguments (got "${args.positionals[0]}"); filter with --kind K --since 24h --limit N.`);
  const payload: Record<string, unknown> = { limit: limitOf(args, 50) };
  if (args.kind !== undefined) {
    if (!/^[a-z]{1,32}$/.test(args.kind)) throw new UsageError(`--kind "${args.kind}" is not a kind: write the action's first word, e.g. --kind runbook (runbook, settings, notification, silence, incident).`);
    payload.kind = args.kind;
  }
  if (args.since !== undefined) payload.from = sinceOf(args.since, Date.now());
  return { method: 'audit.list', payload, text: (value) => auditTable(value as AuditRecord[]) };
}

function limitOf(args: AlertingArgs, fallback: number): number {
  if (args.limit === undefined) return fallback;
  const limit = Number(args.limit);
  if (!/^\d+$/.test(args.limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit "${args.limit}" is not a count from 1 to 1000.`);
  return limit;
}

/** `24h` (that long ago), `2026-12-01` (local midnight) or `2026-12-01T08:00`. */
export function sinceOf(text: string, now: number): number {
  const span = parseDuration(text);
  if (span !== null) return Math.max(0, now - span);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00`) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text) ? new Date(text) : null;
  if (!date || Number.isNaN(date.getTime())) throw new UsageError(`--since "${text}" is neither a duration (24h, 7d) nor a date (2026-12-01).`);
  return date.getTime();
}

const pad = (n: number) => String(n).padStart(2, '0');
function localTime(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
const span = (ms: number | null) => (ms === null ? '-' : formatSpan(ms));
/** Control characters in untrusted text (titles, notes, event messages) would move the terminal's cursor. */
// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function incidentTable(incidents: IncidentSummary[]): string {
  if (incidents.length === 0) return 'No incidents.\n';
  const rows = incidents.map((i) => [`#${i.id}`, i.state, i.severity, localTime(i.openedAt), span(i.ttaMs), span(i.ttrMs), clean(i.title)]);
  return table(['ID', 'STATE', 'SEVERITY', 'OPENED', 'TTA', 'TTR', 'TITLE'], rows);
}

function incidentText(incident: IncidentDetail): string {
  const lines = [
    `#${incident.id} ${clean(incident.title)}`,
    `  ${incident.state}, ${incident.severity}; opened ${localTime(incident.openedAt)}` +
      (incident.acknowledgedAt !== null ? `; acknowledged by ${incident.acknowledgedBy} after ${span(incident.ttaMs)}` : '; not acknowledged') +
      (incident.resolvedAt !== null ? `; resolved by ${incident.resolvedBy} after ${span(incident.ttrMs)}` : ''),
    `  alerts: ${incident.alerts.map((a) => `${clean(a.label)} (${a.kind}, ${a.resolvedAt === null ? 'firing' : 'resolved'})`).join(', ') || 'none'}`,
  ];
  if (incident.runbooks.length) lines.push(`  runbooks: ${incident.runbooks.map((r) => `${r.id} (${clean(r.title)})`).join(', ')}`);
  lines.push('', 'Timeline:');
  for (const entry of incident.timeline) lines.push(`  ${localTime(entry.at)}  ${entry.type.padEnd(15)} ${clean(entry.text)}${entry.actor === 'opsbar' ? '' : `  [${entry.actor}]`}`);
  return lines.join('\n') + '\n';
}

function auditTable(records: AuditRecord[]): string {
  if (records.length === 0) return 'No audit rows match.\n';
  const what = (r: AuditRecord) => {
    const command = typeof r.details.command === 'string' ? ` $ ${r.details.command.split('\n')[0]}` : '';
    const exit = typeof r.details.exitCode === 'number' ? ` (exit ${r.details.exitCode})` : '';
    return clean(`${r.target}${command}${exit}`);
  };
  return table(['ID', 'AT', 'ACTOR', 'ACTION', 'OUTCOME', 'TARGET'], records.map((r) => [String(r.id), localTime(r.at), r.actor, r.action, r.outcome, what(r)]));
}
