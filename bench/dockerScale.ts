// Benchmark: Docker at scale (not a test). With BENCH_SCALE_CONTAINERS (100) running containers:
//  1. `opsbar status --json`: wall time of 3 runs (median), and how many containers have figures;
//  2. one full stats round: cgroup files vs Engine API one-shot stats (as the sampler sizes it, and
//     at a fixed 4 requests at once, the old way; BENCH_SCALE_SKIP_API4=1 skips that ~30 s round);
//  3. `opsbar serve` exiting on SIGTERM while it collects: against this engine, and against a hung
//     one (a socket that accepts and never answers).
import { execFile } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { systemClock } from '../electron/core/clock';
import { forEachBounded } from '../electron/core/monitors/docker/boundedConcurrency';
import { ContainerStatsSampler } from '../electron/core/monitors/docker/containerStats';
import { createDockerApi } from '../electron/core/monitors/docker/dockerApi';
import { resolveDockerEndpoint } from '../electron/core/monitors/docker/dockerEndpoint';
import { CgroupUsageReader } from '../electron/core/monitors/docker/usage/cgroupUsageReader';
import { defaultSettings } from '../shared/config/settingsSchema';
import { callApi, runOpsbar, serveOpsbar } from '../test/support/opsbarProcess';

const CONTAINERS = Number(process.env.BENCH_SCALE_CONTAINERS ?? 100);
const LABEL = 'opsbar.bench.scale=1';
const GOALS = { statusMs: 1500, roundMs: defaultSettings().monitoring.dockerIntervalMs, shutdownMs: 2000 };
const run = promisify(execFile);
const docker = async (...args: string[]) => (await run('docker', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })).stdout.trim();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms = (from: bigint) => Math.round(Number(process.hrtime.bigint() - from) / 1e6);

async function startContainers(): Promise<void> {
  const names = Array.from({ length: CONTAINERS }, (_, i) => `opsbar-scale-${i}`);
  await forEachBounded(names, 8, async (name) => {
    const i = Number(name.split('-').pop());
    await docker('run', '-d', '--name', name, '--label', LABEL, '--label', `com.docker.compose.project=scale-${i % 5}`,
      '--label', `com.docker.compose.service=svc${i}`, '--network', 'none', 'opsbar-test/busybox:latest', 'sleep', '100000');
  });
}

async function removeContainers(): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
}

async function statusRuns() {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsbar-scale-status-'));
  const wall: number[] = [];
  let last = '';
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    const { stdout } = await runOpsbar(['status', '--json', '--data-dir', dataDir]);
    wall.push(ms(started));
    last = stdout;
  }
  type Row = { cpuPercent: number | null; memoryBytes: number | null; state: string };
  const stacks: { containers: Row[] }[] = JSON.parse(last).docker?.stacks ?? [];
  const running = stacks.flatMap((s) => s.containers).filter((c) => c.state === 'running');
  return {
    wallMs: wall,
    medianMs: median(wall),
    runningContainers: running.length,
    withMemory: running.filter((c) => c.memoryBytes !== null).length,
    withCpuPercent: running.filter((c) => c.cpuPercent !== null).length,
  };
}

async function statsRounds() {
  const endpoint = resolveDockerEndpoint({ configured: '', env: process.env, homedir: homedir(), exists: existsSync }).chosen;
  if (!endpoint) throw new Error('no Docker endpoint found');
  const api = createDockerApi(endpoint);
  const signal = AbortSignal.timeout(120_000);
  setMaxListeners(CONTAINERS + 1, signal); // one listener per request in flight
  const running = (await api.listContainers(signal)).filter((c) => c.State === 'running');
  const targets = await Promise.all(running.map(async (c) => ({ id: c.Id, pid: (await api.inspectContainer(c.Id, signal)).State?.Pid ?? null })));

  const reader = new CgroupUsageReader();
  reader.readAll(targets); // finds each container's cgroup once, as the collector's first round does
  const cgroupWall: number[] = [];
  const cgroupCpu: number[] = [];
  let read = 0;
  for (let i = 0; i < 5; i++) {
    const cpu0 = process.cpuUsage();
    const started = process.hrtime.bigint();
    read = reader.readAll(targets).size;
    cgroupWall.push(Number(process.hrtime.bigint() - started) / 1e6);
    const cpu = process.cpuUsage(cpu0);
    cgroupCpu.push((cpu.user + cpu.system) / 1000);
  }

  const { dockerIntervalMs, dockerStatsConcurrency } = defaultSettings().monitoring;
  const sampler = new ContainerStatsSampler({ clock: systemClock, intervalMs: dockerIntervalMs, concurrency: dockerStatsConcurrency, timeoutMs: 5_000, cgroups: null });
  let started = process.hrtime.bigint();
  sampler.sample(api, targets.map((t) => ({ id: t.id, pid: null })));
  await sampler.idle();
  const apiSized = ms(started);
  const apiRead = targets.filter((t) => sampler.figures(t.id)?.memoryBytes != null).length;

  let apiFixed4: number | string = 'skipped (BENCH_SCALE_SKIP_API4=1)';
  if (process.env.BENCH_SCALE_SKIP_API4 !== '1') {
    started = process.hrtime.bigint();
    await forEachBounded(targets, 4, async (t) => {
      await api.containerStats(t.id, signal).catch(() => undefined);
    });
    apiFixed4 = ms(started);
  }
  return {
    containers: targets.length,
    cgroup: { read, wallMsMedian: +median(cgroupWall).toFixed(1), cpuMsMedian: +median(cgroupCpu).toFixed(1) },
    apiOneShot: { read: apiRead, wallMs: apiSized, concurrency: `sized to fit half of the ${dockerIntervalMs / 1000} s interval (at least ${dockerStatsConcurrency}, at most 32)` },
    apiOneShotFourAtOnceMs: apiFixed4,
  };
}

/** Starts `opsbar serve`, waits until it is collecting, sends SIGTERM, and times the exit. */
async function shutdownOnce(dataDir: string, ready: (status: { docker?: { available?: boolean; error?: string | null; stacks?: unknown[] } }) => boolean): Promise<number> {
  const served = await serveOpsbar(dataDir, ['--quiet']);
  try {
    for (let i = 0; ; i++) {
      const reply = await callApi(served, 'status.get').catch(() => ({ ok: false, value: undefined }));
      if (reply.ok && ready(reply.value)) break;
      if (i > 600) throw new Error('opsbar serve never reported Docker');
      await sleep(100);
    }
    await sleep(1_500); // the next collect (1 s interval) is under way
    const exited = new Promise((resolve) => served.child.once('exit', resolve));
    const started = process.hrtime.bigint();
    served.child.kill('SIGTERM');
    await exited;
    return ms(started);
  } finally {
    if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
  }
}

async function shutdowns() {
  const realDir = mkdtempSync(join(tmpdir(), 'opsbar-scale-serve-'));
  writeFileSync(join(realDir, 'config.yaml'), 'monitoring:\n  dockerIntervalMs: 1000\n');
  const real: number[] = [];
  for (let i = 0; i < 3; i++) real.push(await shutdownOnce(realDir, (s) => (s.docker?.stacks?.length ?? 0) > 0));

  const hungDir = mkdtempSync(join(tmpdir(), 'opsbar-scale-hung-'));
  const socketPath = join(hungDir, 'docker.sock');
  const sockets: Socket[] = [];
  const hung = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => hung.listen(socketPath, resolve));
  writeFileSync(join(hungDir, 'config.yaml'), `monitoring:\n  dockerIntervalMs: 1000\ndocker:\n  endpoint: ${JSON.stringify(socketPath)}\n`);
  let hungMs: number;
  try {
    hungMs = await shutdownOnce(hungDir, (s) => s.docker?.available === false && /did not answer/.test(s.docker?.error ?? ''));
  } finally {
    for (const s of sockets) s.destroy();
    hung.close();
  }
  return { withThisEngineMs: real, medianMs: median(real), withHungEngineMs: hungMs };
}

async function main(): Promise<void> {
  await removeContainers();
  const setupStarted = process.hrtime.bigint();
  await startContainers();
  const setupMs = ms(setupStarted);
  try {
    const status = await statusRuns();
    const rounds = await statsRounds();
    const shutdown = await shutdowns();
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          containers: CONTAINERS,
          setupSeconds: +(setupMs / 1000).toFixed(1),
          status,
          statsRound: rounds,
          shutdown,
          goals: {
            statusMedian: `< ${GOALS.statusMs} ms: ${verdict(status.medianMs < GOALS.statusMs)}`,
            statsRound: `fits one ${GOALS.roundMs / 1000} s interval: cgroup ${verdict(rounds.cgroup.wallMsMedian < GOALS.roundMs)}, API ${verdict(rounds.apiOneShot.wallMs < GOALS.roundMs)}`,
            shutdown: `< ${GOALS.shutdownMs} ms: ${verdict(Math.max(...shutdown.withThisEngineMs, shutdown.withHungEngineMs) < GOALS.shutdownMs)}`,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await removeContainers();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
