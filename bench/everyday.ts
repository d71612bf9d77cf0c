// Benchmark: the everyday paths — reading a container's whole log, following a flooding one, and
// HTTP health checks — on the real Docker engine, each against a peer measured in the same run.
// 1. A busybox container of this bench's own prints LOG_LINES known lines (half stdout, half
//    stderr); then, ROUNDS rounds each, medians: Opsbar's readLogTail(…, 'all') (demultiplexed,
//    split into lines), a bare node:http GET of the same /logs URL that only drains the bytes, and
//    `docker logs -t` to /dev/null.
// 2. A following log session (createLogService, as the core builds it) on a container whose shell
//    loop prints as fast as it can, for FLOOD_MS: lines published and dropped, the largest buffer
//    stats() showed, the process's RSS growth. Run first, so its RSS baseline is clean.
// 3. HTTP_REQUESTS sequential probeHttp calls (expectBody "ok") against a loopback server, against
//    as many bare http.get + drain in the same run (both without keep-alive, as a check connects).
// Wall time by hrtime, CPU by process.cpuUsage. Touches only its own containers (labelled
// opsbar.test=1 and opsbar.bench=<pid>), removed at the end even when it fails.
import Dockerode from 'dockerode';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { defaultSettings } from '../shared/config/settingsSchema';
import type { LogChunk } from '../shared/types/logs';
import { systemClock } from '../electron/core/clock';
import { silentLogger } from '../electron/core/logger';
import { inspectLogTarget, logsPath, readLogTail } from '../electron/core/logs/dockerLogStream';
import { resolveLogEngine } from '../electron/core/logs/logEngine';
import { createLogService } from '../electron/core/logs/logService';
import { createDockerClientProvider } from '../electron/core/monitors/docker/dockerClientProvider';
import type { DockerEndpoint } from '../electron/core/monitors/docker/dockerEndpoint';
import { probeHttp } from '../electron/core/monitors/http/httpProbe';

const IMAGE = 'opsbar-test/busybox:latest';
const PAIRS = Number(process.env.BENCH_EVERYDAY_PAIRS ?? 100_000);
const LOG_LINES = PAIRS * 2;
const ROUNDS = Number(process.env.BENCH_EVERYDAY_ROUNDS ?? 5);
const FLOOD_MS = Number(process.env.BENCH_EVERYDAY_FLOOD_MS ?? 5_000);
const HTTP_REQUESTS = Number(process.env.BENCH_EVERYDAY_HTTP ?? 500);
/** How long the log container may take to print its lines before the bench gives up. */
const LOG_READY_DEADLINE_MS = Number(process.env.BENCH_EVERYDAY_LOG_DEADLINE_MS ?? 120_000);

const docker = new Dockerode();
const labels = { 'opsbar.test': '1', 'opsbar.bench': String(process.pid) };

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)];
const p95 = (values: number[]) => sorted(values)[Math.min(values.length - 1, Math.floor(values.length * 0.95))];
const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const cpuMs = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000;
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startContainer(suffix: string, cmd: string[], logMaxSize?: string): Promise<string> {
  const made = await docker.createContainer({
    name: `opsbar-bench-${process.pid}-${suffix}`,
    Image: IMAGE,
    Cmd: cmd,
    Labels: labels,
    HostConfig: { NetworkMode: 'none', ...(logMaxSize ? { LogConfig: { Type: 'json-file', Config: { 'max-size': logMaxSize, 'max-file': '2' } } } : {}) },
  });
  await made.start();
  return made.id;
}

async function removeOwnContainers(): Promise<void> {
  const left = await docker.listContainers({ all: true, filters: { label: [`opsbar.bench=${process.pid}`] } });
  for (const c of left) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

function requestTarget(endpoint: DockerEndpoint) {
  return endpoint.kind === 'unix' ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port };
}

/**
 * Polls the whole log until it holds every line (the container then only sleeps). The whole log,
 * because the engine interleaves stdout and stderr in whatever order they came, and its `tail`
 * counts lines of both streams even when one is asked for.
 */
async function waitForLog(endpoint: DockerEndpoint, target: { id: string; tty: boolean }): Promise<void> {
  const deadline = Date.now() + LOG_READY_DEADLINE_MS;
  for (;;) {
    const count = (await readLogTail(endpoint, target, 'all')).length;
    if (count >= LOG_LINES) return;
    if (Date.now() > deadline) throw new Error(`the log container printed ${count} of its ${LOG_LINES} lines within ${LOG_READY_DEADLINE_MS / 1000} s`);
    await delay(250);
  }
}

/** The peer: the same /logs request on the same socket, bytes drained and counted, nothing parsed. */
function bareLogRead(endpoint: DockerEndpoint, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ ...requestTarget(endpoint), path, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET ${path} answered ${res.statusCode}`));
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function dockerLogsCli(id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', ['logs', '-t', id], { stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker logs exited ${code}`))));
  });
}

interface LogReadFigures {
  lines: number;
  bodyBytes: number;
  opsbarWallMs: number;
  opsbarCpuMs: number;
  bareWallMs: number;
  bareCpuMs: number;
  cliWallMs: number;
}

async function measureLogRead(endpoint: DockerEndpoint): Promise<LogReadFigures> {
  const loop = ['sh', '-c', `i=0; while [ $i -lt ${PAIRS} ]; do echo "out line $i"; echo "err line $i" >&2; i=$((i+1)); done; sleep 3600`];
  const id = await startContainer('logs', loop);
  const target = await inspectLogTarget(endpoint, id);
  await waitForLog(endpoint, target);
  const path = logsPath(target.id, { tail: 'all', follow: false });

  const opsbarWall: number[] = [];
  const opsbarCpu: number[] = [];
  const bareWall: number[] = [];
  const bareCpu: number[] = [];
  const cliWall: number[] = [];
  let lines = 0;
  let bodyBytes = 0;
  // One unmeasured round of each first (page cache, JIT), then the rounds, interleaved.
  for (let round = -1; round < ROUNDS; round++) {
    let cpu = process.cpuUsage();
    let start = process.hrtime.bigint();
    const read = await readLogTail(endpoint, target, 'all');
    const wall = since(start);
    const used = cpuMs(process.cpuUsage(cpu));
    if (read.length !== LOG_LINES) throw new Error(`readLogTail returned ${read.length} lines, expected ${LOG_LINES}`);
    lines = read.length;

    cpu = process.cpuUsage();
    start = process.hrtime.bigint();
    bodyBytes = await bareLogRead(endpoint, path);
    const bWall = since(start);
    const bCpu = cpuMs(process.cpuUsage(cpu));

    start = process.hrtime.bigint();
    await dockerLogsCli(target.id);
    const cWall = since(start);
    if (round < 0) continue;
    opsbarWall.push(wall);
    opsbarCpu.push(used);
    bareWall.push(bWall);
    bareCpu.push(bCpu);
    cliWall.push(cWall);
  }
  return { lines, bodyBytes, opsbarWallMs: median(opsbarWall), opsbarCpuMs: median(opsbarCpu), bareWallMs: median(bareWall), bareCpuMs: median(bareCpu), cliWallMs: median(cliWall) };
}

interface FloodFigures {
  /** The session's initial lines (tail 100), not counted in published. */
  initial: number;
  published: number;
  dropped: number;
  chunks: number;
  maxBufferedLines: number;
  maxBufferedBytes: number;
  rssBeforeMb: number;
  rssMaxMb: number;
  heapBeforeMb: number;
  heapMaxMb: number;
  cpuMs: number;
}

async function measureFlood(): Promise<FloodFigures> {
  // Log files capped so that the flood cannot fill the disk.
  const id = await startContainer('flood', ['sh', '-c', 'while :; do echo "flood line"; done'], '20m');
  // As createCore builds it: the endpoint the default settings resolve to.
  const provider = createDockerClientProvider({ settings: () => defaultSettings() });
  let published = 0;
  let dropped = 0;
  let chunks = 0;
  let endedNow: () => void = () => {};
  const ended = new Promise<void>((resolve) => (endedNow = resolve));
  const service = createLogService({
    clock: systemClock,
    log: silentLogger,
    docker: provider,
    publish(chunk: LogChunk) {
      chunks++;
      published += chunk.lines.length;
      dropped += chunk.dropped;
      if (chunk.ended) endedNow();
    },
  });
  try {
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    const cpu = process.cpuUsage();
    const session = await service.open({ container: id, tail: 100, follow: true });
    if (!session.following) throw new Error('the flood session is not following');
    const initial = session.lines.length;
    let maxLines = 0;
    let maxBytes = 0;
    let rssMax = rssBefore;
    let heapMax = heapBefore;
    const stop = Date.now() + FLOOD_MS;
    // Sampling for a fixed duration is the measurement itself (the flood runs FLOOD_MS).
    while (Date.now() < stop) {
      const stats = service.stats(session.sessionId);
      if (!stats) throw new Error('the flood session closed before the flood ended');
      maxLines = Math.max(maxLines, stats.bufferedLines);
      maxBytes = Math.max(maxBytes, stats.bufferedBytes);
      const memory = process.memoryUsage();
      rssMax = Math.max(rssMax, memory.rss);
      heapMax = Math.max(heapMax, memory.heapUsed);
      await delay(20);
    }
    service.close(session.sessionId);
    await ended;
    const used = cpuMs(process.cpuUsage(cpu));
    return { initial, published, dropped, chunks, maxBufferedLines: maxLines, maxBufferedBytes: maxBytes, rssBeforeMb: rssBefore / 1e6, rssMaxMb: rssMax / 1e6, heapBeforeMb: heapBefore / 1e6, heapMaxMb: heapMax / 1e6, cpuMs: used };
  } finally {
    await service.stop();
    await docker.getContainer(id).remove({ force: true }).catch(() => {});
  }
}

interface HttpFigures {
  probeMedianMs: number;
  probeP95Ms: number;
  probeCpuMs: number;
  bareMedianMs: number;
  bareP95Ms: number;
  bareCpuMs: number;
}

function bareGet(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`answered ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function measureHttp(): Promise<HttpFigures> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '2' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  try {
    const run = async (one: () => Promise<void>) => {
      for (let i = 0; i < 50; i++) await one();
      const walls: number[] = [];
      const cpu = process.cpuUsage();
      for (let i = 0; i < HTTP_REQUESTS; i++) {
        const start = process.hrtime.bigint();
        await one();
        walls.push(since(start));
      }
      return { walls, cpuPerRequest: cpuMs(process.cpuUsage(cpu)) / HTTP_REQUESTS };
    };
    const probe = await run(async () => {
      const result = await probeHttp({ url, expectStatus: 200, expectBody: 'ok', timeoutMs: 5_000 });
      if (result.outcome !== 'up') throw new Error(`probeHttp: ${result.outcome} ${result.detail}`);
    });
    const bare = await run(() => bareGet(url));
    return {
      probeMedianMs: median(probe.walls),
      probeP95Ms: p95(probe.walls),
      probeCpuMs: probe.cpuPerRequest,
      bareMedianMs: median(bare.walls),
      bareP95Ms: p95(bare.walls),
      bareCpuMs: bare.cpuPerRequest,
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function main(): Promise<void> {
  const load = loadavg().map((n) => n.toFixed(2)).join(', ');
  const endpoint = resolveLogEngine(createDockerClientProvider({ settings: () => defaultSettings() })).endpoint;
  let logs: LogReadFigures;
  let flood: FloodFigures;
  try {
    // The flood first: its RSS baseline then holds none of the log read's 200,000 lines.
    flood = await measureFlood();
    logs = await measureLogRead(endpoint);
  } finally {
    await removeOwnContainers();
  }
  const web = await measureHttp();

  const mb = logs.bodyBytes / 1e6;
  const rate = (wallMs: number) => `${fmt(logs.lines / (wallMs / 1000) / 1000, 0)}k lines/s, ${fmt(mb / (wallMs / 1000))} MB/s`;
  console.log(`everyday paths (${new Date().toISOString().slice(0, 10)}, load average at start ${load}, now ${loadavg().map((n) => n.toFixed(2)).join(', ')})`);
  console.log(`\ncontainer log read: ${logs.lines.toLocaleString('en-US')} lines (stdout and stderr), ${fmt(mb)} MB on the wire with timestamps; ${ROUNDS} rounds, medians`);
  console.log('| what | wall ms | CPU ms | rate | ratio to bare |');
  console.log('|---|---|---|---|---|');
  console.log(`| Opsbar readLogTail(…, 'all'): demultiplexed, split, parsed | ${fmt(logs.opsbarWallMs, 0)} | ${fmt(logs.opsbarCpuMs, 0)} | ${rate(logs.opsbarWallMs)} | ${(logs.opsbarWallMs / logs.bareWallMs).toFixed(2)}× wall, ${(logs.opsbarCpuMs / logs.bareCpuMs).toFixed(2)}× CPU |`);
  console.log(`| peer: bare node:http GET of the same URL, bytes drained | ${fmt(logs.bareWallMs, 0)} | ${fmt(logs.bareCpuMs, 0)} | ${rate(logs.bareWallMs)} | 1× |`);
  console.log(`| peer: \`docker logs -t\` > /dev/null (spawned) | ${fmt(logs.cliWallMs, 0)} | — | ${rate(logs.cliWallMs)} | ${(logs.cliWallMs / logs.bareWallMs).toFixed(2)}× wall |`);

  const secs = FLOOD_MS / 1000;
  console.log(`\nfollowing a flooding container (\`while :; do echo "flood line"; done\`) for ${secs} s through createLogService`);
  console.log('| what | figure |');
  console.log('|---|---|');
  console.log(`| lines published live to the view | ${flood.published.toLocaleString('en-US')} (${fmt(flood.published / secs, 0)}/s) in ${flood.chunks} chunks, after ${flood.initial} initial lines |`);
  console.log(`| lines dropped (counted, not kept) | ${flood.dropped.toLocaleString('en-US')} (${fmt(flood.dropped / secs, 0)}/s) |`);
  console.log(`| largest buffer stats() showed | ${flood.maxBufferedLines} lines, ${fmt(flood.maxBufferedBytes / 1024)} KiB |`);
  console.log(`| core process RSS | ${fmt(flood.rssBeforeMb)} MB before, ${fmt(flood.rssMaxMb)} MB at most: +${fmt(flood.rssMaxMb - flood.rssBeforeMb)} MB (V8 heap used ${fmt(flood.heapBeforeMb)} → at most ${fmt(flood.heapMaxMb)} MB) |`);
  console.log(`| CPU of the core process over the flood | ${fmt(flood.cpuMs, 0)} ms (${fmt(flood.cpuMs / secs / 10)} % of one core) |`);

  console.log(`\nHTTP checks: ${HTTP_REQUESTS} sequential requests to a loopback server answering 200 "ok" (server in the same process: CPU includes its share for both)`);
  console.log('| what | median ms | p95 ms | CPU ms a request | ratio to bare |');
  console.log('|---|---|---|---|---|');
  console.log(`| Opsbar probeHttp (expectBody "ok") | ${web.probeMedianMs.toFixed(3)} | ${web.probeP95Ms.toFixed(3)} | ${web.probeCpuMs.toFixed(3)} | ${(web.probeMedianMs / web.bareMedianMs).toFixed(2)}× wall, ${(web.probeCpuMs / web.bareCpuMs).toFixed(2)}× CPU |`);
  console.log(`| peer: bare http.get + drain (agent: false) | ${web.bareMedianMs.toFixed(3)} | ${web.bareP95Ms.toFixed(3)} | ${web.bareCpuMs.toFixed(3)} | 1× |`);
}

// Ctrl-C mid-run: the containers go too.
process.once('SIGINT', () => {
  void removeOwnContainers().finally(() => process.exit(130));
});

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
