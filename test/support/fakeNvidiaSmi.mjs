#!/usr/bin/env node
// A stand-in `nvidia-smi` for tests: it answers --query-gpu / --query-compute-apps from a real
// capture (test/fixtures/nvidia-smi/captures/*.txt, the raw `--format=csv` sections, with units
// and headers) and honours noheader, nounits, -lms N / -l N. Run it through a symlink named
// nvidia-smi or pass its path as gpu.nvidiaSmiPath.
//
// Environment:
//   FAKE_NVIDIA_SMI_CAPTURE   capture file (required for figures)
//   FAKE_NVIDIA_SMI_PHASE     idle (default) | load: which section of the capture
//   FAKE_NVIDIA_SMI_MODE      replay (default) | hang | exit-after-one | crash | garbage |
//                             driver-failure | no-devices | old-driver
//   FAKE_NVIDIA_SMI_REJECT    old-driver: comma list of fields to reject (`Field "x" is not a valid field to query.`, exit 2)
//   FAKE_NVIDIA_SMI_REJECT_STREAM  stdout (default) | stderr: where old-driver prints that
//   FAKE_NVIDIA_SMI_GPUS      repeat the captured GPU this many times (index i, uuid ending in i)
//   FAKE_NVIDIA_SMI_PIDS      comma list of pids for the compute-apps rows (rows taken from the
//                             load section when the chosen one has none)
//   FAKE_NVIDIA_SMI_LIVE_PIDS  1: with FAKE_NVIDIA_SMI_PIDS, a row whose pid no longer runs (gone
//                             or a zombie) is dropped, and its GPU's memory.used goes down (and
//                             memory.free up) by the row's used memory, read again on every sample
//   FAKE_NVIDIA_SMI_IGNORE_SIGTERM  1: survive SIGTERM (tests SIGKILL escalation)
//   FAKE_NVIDIA_SMI_LOG       append {"pid","at","path","argv"} as one JSON line per invocation (path: as started)
import { appendFileSync, readFileSync } from 'node:fs';

const env = process.env;
const argv = process.argv.slice(2);
if (env.FAKE_NVIDIA_SMI_LOG) appendFileSync(env.FAKE_NVIDIA_SMI_LOG, `${JSON.stringify({ pid: process.pid, at: Date.now(), path: process.argv[1], argv })}\n`);
if (env.FAKE_NVIDIA_SMI_IGNORE_SIGTERM === '1') process.on('SIGTERM', () => {});

const DRIVER_FAILURE =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.";

function option(names) {
  for (let i = 0; i < argv.length; i++) {
    for (const name of names) {
      if (argv[i] === name) return argv[i + 1] ?? '';
      if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
    }
  }
  return null;
}

const queryGpu = option(['--query-gpu']);
const queryApps = option(['--query-compute-apps']);
const format = (option(['--format']) ?? '').split(',');
const noheader = format.includes('noheader');
const nounits = format.includes('nounits');
const loopMs = option(['-lms', '--loop-ms']);
const loopS = option(['-l', '--loop']);
const intervalMs = loopMs !== null ? Number(loopMs) : loopS !== null ? Number(loopS) * 1000 : null;
const mode = env.FAKE_NVIDIA_SMI_MODE || 'replay';
const phase = env.FAKE_NVIDIA_SMI_PHASE || 'idle';

/** The header and rows of one `# <phase> :: <kind>` section of a capture. */
function section(text, wantedPhase, kind) {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`# ${wantedPhase} :: ${kind} `));
  if (at < 0) return { header: [], rows: [] };
  let i = at + 1;
  while (i < lines.length && !/^#{20,}/.test(lines[i])) i++;
  const body = [];
  for (i++; i < lines.length && lines[i].trim() !== ''; i++) body.push(lines[i]);
  const [header = '', ...rows] = body;
  return { header: header.split(', ').map((h) => h.trim()), rows: rows.map((r) => r.split(', ')) };
}

const ALIASES = { gpu_name: 'name', gpu_uuid: 'uuid', name: 'process_name', used_memory: 'used_gpu_memory' };
const base = (cell) => cell.replace(/\s*\[[^\]]*\]$/, '');
function column(header, field, isApps) {
  let at = header.findIndex((h) => base(h) === field);
  if (at < 0 && isApps && field === 'name') at = header.findIndex((h) => base(h) === 'process_name');
  if (at < 0 && ALIASES[field] && !(field === 'name' && !isApps)) at = header.findIndex((h) => base(h) === ALIASES[field]);
  return at;
}
const stripUnit = (value) => value.trim().replace(/^(-?\d+(?:\.\d+)?)\s+(MiB|GiB|KiB|%|W|MHz|C|ms)$/, '$1');

function timestamp() {
  const d = new Date();
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

function render(fields, data, isApps) {
  const out = [];
  const cols = fields.map((f) => column(data.header, f, isApps));
  if (!noheader) out.push(fields.map((f, i) => (cols[i] >= 0 ? data.header[cols[i]] : f)).join(', '));
  for (const row of data.rows) {
    out.push(
      fields
        .map((f, i) => {
          if (f === 'timestamp') return timestamp();
          const value = cols[i] >= 0 ? (row[cols[i]] ?? '') : '[N/A]';
          return nounits ? stripUnit(value) : value.trim();
        })
        .join(', '),
    );
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

function gpuData(text, fields) {
  let data = section(text, phase, 'query-gpu');
  const count = Number(env.FAKE_NVIDIA_SMI_GPUS || 0);
  if (count > 0 && data.rows.length > 0) {
    const idx = data.header.findIndex((h) => base(h) === 'index');
    const uuid = data.header.findIndex((h) => base(h) === 'uuid');
    data.rows = Array.from({ length: count }, (_, i) => {
      const row = [...data.rows[0]];
      if (idx >= 0) row[idx] = String(i);
      if (uuid >= 0) row[uuid] = row[uuid].trim().slice(0, -4) + String(i).padStart(4, '0');
      return row;
    });
  }
  if (env.FAKE_NVIDIA_SMI_LIVE_PIDS === '1') data = releaseGoneMemory(text, data);
  return render(fields, data, false);
}

/** The compute-apps rows: the capture's, or one per FAKE_NVIDIA_SMI_PIDS pid (with LIVE_PIDS: `gone` holds the rows of pids that ended). */
function appsRows(text) {
  let data = section(text, phase, 'query-compute-apps');
  const pids = (env.FAKE_NVIDIA_SMI_PIDS || '').split(',').filter(Boolean);
  let gone = [];
  if (pids.length > 0) {
    if (data.rows.length === 0) data = { ...data, rows: section(text, 'load', 'query-compute-apps').rows };
    const pidAt = data.header.findIndex((h) => base(h) === 'pid');
    const source = data.rows;
    const rows = source.length ? pids.map((pid, i) => Object.assign([...source[i % source.length]], { [pidAt]: pid })) : [];
    const live = env.FAKE_NVIDIA_SMI_LIVE_PIDS === '1';
    gone = live ? rows.filter((row) => !running(Number(row[pidAt]))) : [];
    data = { ...data, rows: rows.filter((row) => !gone.includes(row)) };
  }
  return { data, gone };
}

/** Like a driver's view: a pid that ended, or a zombie (exited, not reaped yet), holds no memory. */
function running(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 1).trim().split(/\s+/)[0]);
  } catch {
    return process.platform !== 'linux';
  }
}

function appsData(text, fields) {
  return render(fields, appsRows(text).data, true);
}

/** LIVE_PIDS: each GPU's memory.used less (memory.free plus) the used memory of its rows whose pid ended. */
function releaseGoneMemory(text, data) {
  const { data: apps, gone } = appsRows(text);
  if (gone.length === 0) return data;
  const col = (header, name) => header.findIndex((h) => base(h) === name);
  const appUuid = col(apps.header, 'gpu_uuid');
  const appUsed = col(apps.header, 'used_gpu_memory') >= 0 ? col(apps.header, 'used_gpu_memory') : col(apps.header, 'used_memory');
  const [uuid, used, free] = ['uuid', 'memory.used', 'memory.free'].map((name) => col(data.header, name));
  const mib = (cell) => Number(String(cell).trim().split(/\s+/)[0]);
  const withMib = (cell, value) => String(cell).trim().replace(/^-?\d+(?:\.\d+)?/, String(value));
  const rows = data.rows.map((row) => {
    const freed = gone.filter((g) => uuid < 0 || appUuid < 0 || g[appUuid].trim() === row[uuid].trim()).reduce((a, g) => a + mib(g[appUsed]), 0);
    if (!freed) return row;
    const next = [...row];
    if (used >= 0 && Number.isFinite(mib(row[used]))) next[used] = withMib(row[used], Math.max(0, mib(row[used]) - freed));
    if (free >= 0 && Number.isFinite(mib(row[free]))) next[free] = withMib(row[free], mib(row[free]) + freed);
    return next;
  });
  return { ...data, rows };
}

function finish(text, code, stream = process.stdout) {
  if (!text) process.exit(code);
  stream.write(text, () => process.exit(code));
}

function main() {
  if (mode === 'hang') {
    setInterval(() => {}, 1 << 30);
    return;
  }
  if (mode === 'driver-failure') return finish(`${DRIVER_FAILURE}\n\n`, 9);
  if (mode === 'no-devices') return finish('No devices were found\n', 6);
  const requested = (queryGpu ?? queryApps ?? '').split(',').filter(Boolean);
  if (mode === 'old-driver') {
    const reject = (env.FAKE_NVIDIA_SMI_REJECT || '').split(',').filter(Boolean);
    const bad = requested.find((f) => reject.includes(f));
    if (bad) return finish(`Field "${bad}" is not a valid field to query.\n\n`, 2, env.FAKE_NVIDIA_SMI_REJECT_STREAM === 'stderr' ? process.stderr : process.stdout);
  }
  const text = env.FAKE_NVIDIA_SMI_CAPTURE ? readFileSync(env.FAKE_NVIDIA_SMI_CAPTURE, 'utf8') : '';
  if (queryApps !== null) return finish(appsData(text, requested), 0);
  if (queryGpu === null) return finish('fake nvidia-smi: only --query-gpu and --query-compute-apps are replayed\n', 0);
  for (const f of mode === 'garbage' ? [] : requested) {
    if (f !== 'timestamp' && column(section(text, phase, 'query-gpu').header, f, false) < 0) {
      return finish(`Field "${f}" is not a valid field to query.\n\n`, 2);
    }
  }
  const sample = () => (mode === 'garbage' ? '\x1b[31m<<< this is not csv \x00\x07 >>>\x1b[0m garbage line\n' : gpuData(text, requested));
  if (mode === 'exit-after-one') return finish(sample(), 0);
  if (mode === 'crash') return finish(sample(), 1);
  process.stdout.write(sample());
  if (intervalMs === null || !(intervalMs > 0)) return finish('', 0);
  setInterval(() => process.stdout.write(sample()), intervalMs);
}

main();
