// Benchmark: CPU seconds per minute and peak RSS of `opsbar serve` monitoring system + Docker
// (20 running containers) at its default interval, beside glances at the same interval, in one run.
// Also the CPU the monitored Docker engine spends while each tool watches it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings } from '../shared/config/settingsSchema';
import { cpuSeconds, peakRssBytes, pidOf } from './procStats';

const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 10_000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 60_000);
const CONTAINERS = 20;
const LABEL = 'opsbar.bench=1';
const interval = defaultSettings().monitoring.systemIntervalMs;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

function startContainers(): void {
  for (let i = 0; i < CONTAINERS; i++) {
    const project = i < CONTAINERS / 2 ? 'bench-llm' : 'bench-rag';
    docker('run', '-d', '--name', `opsbar-bench-${i}`, '--label', LABEL, '--label', `com.docker.compose.project=${project}`,
      '--label', `com.docker.compose.service=svc${i}`, 'opsbar-test/busybox:latest', 'sleep', '100000');
  }
}

function removeContainers(): void {
  const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
  if (ids.length) docker('rm', '-f', ...ids);
}

async function measure(name: string, child: ChildProcess): Promise<Record<string, number | string>> {
  const dockerd = pidOf('dockerd');
  await sleep(WARMUP_MS);
  if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode})`);
  const pid = child.pid!;
  const cpu0 = cpuSeconds(pid);
  const engine0 = dockerd ? cpuSeconds(dockerd) : 0;
  await sleep(MEASURE_MS);
  const minutes = MEASURE_MS / 60_000;
  const result = {
    tool: name,
    cpuSecondsPerMinute: +((cpuSeconds(pid) - cpu0) / minutes).toFixed(3),
    percentOfOneCore: +(((cpuSeconds(pid) - cpu0) / (MEASURE_MS / 1000)) * 100).toFixed(3),
    peakRssMB: +(peakRssBytes(pid) / 1e6).toFixed(1),
    dockerdCpuSecondsPerMinute: dockerd ? +((cpuSeconds(dockerd) - engine0) / minutes).toFixed(3) : 'n/a',
  };
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return result;
}

async function main(): Promise<void> {
  removeContainers();
  startContainers();
  try {
    const opsbar = spawn(process.execPath, [join(__dirname, '..', 'bin', 'opsbar.js'), 'serve', '--quiet', '--port', '0', '--data-dir', mkdtempSync(join(tmpdir(), 'opsbar-bench-'))], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const opsbarResult = await measure('opsbar serve', opsbar);
    let glancesResult: Record<string, number | string> | null = null;
    try {
      execFileSync('glances', ['--version'], { stdio: 'ignore' });
      // -q: no curses UI, every plugin still runs; -t: refresh seconds, the same interval as Opsbar.
      const glances = spawn('glances', ['-q', '-t', String(interval / 1000)], { stdio: 'ignore' });
      glancesResult = await measure('glances', glances);
    } catch (error) {
      console.error(`glances not measured (${(error as Error).message}); install Debian's glances (and python3-docker for its Docker plugin).`);
    }
    const ratio = glancesResult ? +((opsbarResult.cpuSecondsPerMinute as number) / (glancesResult.cpuSecondsPerMinute as number)).toFixed(3) : null;
    console.log(JSON.stringify({ intervalMs: interval, containers: CONTAINERS, measureSeconds: MEASURE_MS / 1000, opsbar: opsbarResult, glances: glancesResult, opsbarCpuOverGlances: ratio }, null, 2));
  } finally {
    removeContainers();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
