// Benchmark: what alerting adds to each status, and what one /metrics scrape costs, on a host of
// 100 containers in 10 stacks (20 unhealthy) with 4 disks — against a peer measured in the same
// run: serialising that status once as `status.get` answers it (JSON.stringify), which every
// dashboard refresh already pays. In process, CPU by process.cpuUsage; medians over ROUNDS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../electron/core/clock';
import { createOpsbarCore } from '../electron/core/createCore';
import { silentLogger } from '../electron/core/logger';
import { createMetricsEndpoint } from '../electron/core/metrics/metricsEndpoint';
import { coreMetricsSource } from '../electron/core/metrics/metricsSource';
import { builtInModules } from '../electron/core/monitors/registry';
import type { ContainerInfo, Stack } from '../shared/types/docker';
import type { StatusSnapshot } from '../shared/types/status';

const ROUNDS = Number(process.env.BENCH_ALERTING_ROUNDS ?? 300);

function container(stack: number, n: number): ContainerInfo {
  const unhealthy = n < 2;
  return {
    id: `c${stack}-${n}`, name: `stack${stack}-svc${n}`, service: `svc${n}`, image: 'busybox', state: 'running', health: unhealthy ? 'unhealthy' : 'healthy',
    restartCount: 0, startedAt: 1, exitCode: null, cpuPercent: 1, memoryBytes: 1e8, memoryLimitBytes: null, ports: [], severity: unhealthy ? 'critical' : 'ok',
  };
}

function hostStatus(at: number): StatusSnapshot {
  const stacks: Stack[] = Array.from({ length: 10 }, (_, s) => {
    const containers = Array.from({ length: 10 }, (_, n) => container(s, n));
    return { name: `stack${s}`, kind: 'compose', containers, severity: 'critical', counts: { total: 10, running: 10, healthy: 8, unhealthy: 2 } };
  });
  const disk = (mount: string, usedPercent: number) => ({ mount, fsType: 'ext4', totalBytes: 1e12, freeBytes: (1 - usedPercent / 100) * 1e12, usedBytes: (usedPercent / 100) * 1e12, usedPercent });
  return {
    at, overall: 'critical',
    checks: [
      { id: 'cpu', label: 'CPU', severity: 'ok', summary: '40 %' },
      { id: 'memory', label: 'Memory', severity: 'ok', summary: '', alert: 'memory.high' },
      ...['/', '/data', '/models', '/var/lib/docker'].map((m) => ({ id: `disk:${m}`, label: `Disk ${m}`, severity: 'ok' as const, summary: '', alert: 'disk.free' })),
      { id: 'docker', label: 'Docker', severity: 'critical', summary: '80 of 100 running healthy', alert: 'container.unhealthy' },
    ],
    system: {
      at, hostname: 'box', platform: 'linux', cpu: { percent: 40, cores: 16 }, memory: { totalBytes: 128e9, usedBytes: 64e9, availableBytes: 64e9, percent: 50 },
      swap: { totalBytes: 0, usedBytes: 0 }, load: [2, 2, 2], uptimeSeconds: 1000, disks: [disk('/', 50), disk('/data', 70), disk('/models', 86), disk('/var/lib/docker', 60)],
    },
    docker: { at, available: true, endpoint: '/var/run/docker.sock', error: null, engineVersion: '28', stacks },
    gpu: { at, available: false, state: 'none', source: null, error: null, devices: [], processes: [] },
    models: { at, state: 'ok', endpoints: [] },
  } as unknown as StatusSnapshot;
}

function measure(run: () => unknown): number {
  for (let i = 0; i < 20; i++) run();
  const cpu: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  return cpu.sort((a, b) => a - b)[Math.floor(cpu.length / 2)];
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsbar-bench-alerting-'));
  const core = createOpsbarCore({ dataDir, clock: systemClock, log: silentLogger, modules: builtInModules, history: 'memory' });
  try {
    let at = Date.now();
    const evaluate = () => core.alerts.evaluate(hostStatus((at += 2_000)));
    const transitions = core.alerts.evaluate(hostStatus(at)).length;
    const alertsCpu = measure(evaluate);
    // A scrape reads the core's live status; here the core has none, so the same status goes in through a source.
    const source = coreMetricsSource(core, 'bench');
    const status = hostStatus(at);
    const metrics = createMetricsEndpoint({ version: source.version, read: () => ({ ...source.read(), status }) });
    const body = await metrics.scrape();
    let scrapeCpu = 0;
    {
      const samples: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const before = process.cpuUsage();
        await metrics.scrape();
        const used = process.cpuUsage(before);
        samples.push((used.user + used.system) / 1000);
      }
      scrapeCpu = samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
    }
    const peerCpu = measure(() => JSON.stringify(status));
    console.log(`alerting and /metrics, 100 containers (20 unhealthy) in 10 stacks, 4 disks; ${ROUNDS} rounds (${new Date().toISOString().slice(0, 10)})`);
    console.log(`first evaluation: ${transitions} transitions; ${core.alerts.snapshot().alerts.length} alerts; /metrics body ${(body.length / 1024).toFixed(1)} KB, ${body.split('\n').filter((l) => l && !l.startsWith('#')).length} samples`);
    console.log('| what | median CPU ms | ratio to the peer |');
    console.log('|---|---|---|');
    console.log(`| alerts.evaluate of one status (steady state, states written when they change) | ${alertsCpu.toFixed(3)} | ${(alertsCpu / peerCpu).toFixed(2)}× |`);
    console.log(`| one /metrics scrape (fill + render) | ${scrapeCpu.toFixed(3)} | ${(scrapeCpu / peerCpu).toFixed(2)}× |`);
    console.log(`| peer: JSON.stringify of the status (a status.get answer) | ${peerCpu.toFixed(3)} | 1× |`);
    console.log(`at the 2 s system interval, alerting costs ${((alertsCpu * 30) / 1000).toFixed(3)} CPU s a minute`);
  } finally {
    await core.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
