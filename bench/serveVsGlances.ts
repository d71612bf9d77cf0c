// Benchmark: CPU seconds per minute and peak RSS of `opsbar serve` — system + Docker (20 running
// containers) + the GPU module on a stand-in nvidia-smi, at the default intervals — beside glances
// at the same interval, in one run. CPU is the whole process tree's (nvidia-smi and every other
// child counted as the tool's own, exited ones through cutime/cstime); also the CPU the Docker
// engine spends while each tool watches it.
//   BENCH_WARMUP_MS (10 s), BENCH_MEASURE_MS (60 s), BENCH_CONTAINERS (20), BENCH_NVIDIA_CAPTURE (a capture file)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings } from '../shared/config/settingsSchema';
import { cpuSeconds, descendantsOf, peakRssBytes, pidOf, treeCpuSeconds } from './procStats';

const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 10_000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 60_000);
const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 20);
const LABEL = 'opsbar.bench=1';
const GOALS = { cpuOverGlances: 0.15, peakRssMB: 65 };
const interval = defaultSettings().monitoring.systemIntervalMs;
const root = join(__dirname, '..');
const FAKE_NVIDIA_SMI = join(root, 'test', 'support', 'fakeNvidiaSmi.mjs');
const CAPTURES = [
  process.env.BENCH_NVIDIA_CAPTURE,
  join(root, 'test', 'fixtures', 'nvidia-smi', 'captures', 'linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt'),
  '/work/shared/fixtures/nvidia-smi/captures/linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt',
  join(root, 'test', 'fixtures', 'nvidia-smi', 'captures', 'linux-x86_64__nvidia-geforce-rtx-2080-super__595.71.05.txt'),
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const mb = (bytes: number) => +(bytes / 1e6).toFixed(1);

function startContainers(): void {
  for (let i = 0; i < CONTAINERS; i++) {
    const project = i < CONTAINERS / 2 ? 'bench-llm' : 'bench-rag';
    docker('run', '-d', '--name', `opsbar-bench-${i}`, '--label', LABEL, '--label', `com.docker.compose.project=${project}`,
      '--label', `com.docker.compose.service=svc${i}`, '--network', 'none', 'opsbar-test/busybox:latest', 'sleep', '100000');
  }
}

function removeContainers(): void {
  const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`).split('\n').filter(Boolean);
  if (ids.length) docker('rm', '-f', ...ids);
}

/** A data dir whose config points the GPU module at the stand-in nvidia-smi, when there is one. */
function opsbarDataDir(): { dataDir: string; env: NodeJS.ProcessEnv; gpu: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsbar-bench-'));
  const capture = CAPTURES.find((c) => c && existsSync(c));
  if (!existsSync(FAKE_NVIDIA_SMI) || !capture) {
    return { dataDir, env: {}, gpu: `not measured: ${existsSync(FAKE_NVIDIA_SMI) ? 'no nvidia-smi capture found' : 'test/support/fakeNvidiaSmi.mjs is not there yet'}` };
  }
  const binDir = mkdtempSync(join(tmpdir(), 'opsbar-bench-bin-'));
  // Started directly (its #!/usr/bin/env node line), as Opsbar starts the real one.
  symlinkSync(FAKE_NVIDIA_SMI, join(binDir, 'nvidia-smi'));
  writeFileSync(join(dataDir, 'config.yaml'), `gpu:\n  nvidiaSmiPath: ${JSON.stringify(join(binDir, 'nvidia-smi'))}\n`);
  return { dataDir, env: { FAKE_NVIDIA_SMI_CAPTURE: capture }, gpu: `stand-in nvidia-smi (a Node script) replaying ${capture.split('/').pop()}` };
}

/** Peak RSS of any descendant seen while polling (the stand-in nvidia-smi loop, one-shot queries). */
function watchChildren(pid: number): { stop(): { peakChildRssMB: number; childrenSeen: number } } {
  const seen = new Set<number>();
  let peak = 0;
  const poll = () => {
    for (const child of descendantsOf(pid)) {
      seen.add(child);
      peak = Math.max(peak, peakRssBytes(child));
    }
  };
  const timer = setInterval(poll, 500);
  return {
    stop() {
      clearInterval(timer);
      return { peakChildRssMB: mb(peak), childrenSeen: seen.size };
    },
  };
}

async function measure(name: string, child: ChildProcess): Promise<Record<string, number | string>> {
  const dockerd = pidOf('dockerd');
  await sleep(WARMUP_MS);
  if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode})`);
  const pid = child.pid!;
  const cpu0 = treeCpuSeconds(pid);
  const engine0 = dockerd ? cpuSeconds(dockerd) : 0;
  const children = watchChildren(pid);
  await sleep(MEASURE_MS);
  const cpu1 = treeCpuSeconds(pid);
  const minutes = MEASURE_MS / 60_000;
  const perMinute = (a: number, b: number) => +((b - a) / minutes).toFixed(3);
  const result = {
    tool: name,
    cpuSecondsPerMinute: perMinute(cpu0.total, cpu1.total),
    ownCpuSecondsPerMinute: perMinute(cpu0.own, cpu1.own),
    childrenCpuSecondsPerMinute: perMinute(cpu0.children, cpu1.children),
    percentOfOneCore: +(((cpu1.total - cpu0.total) / (MEASURE_MS / 1000)) * 100).toFixed(3),
    peakRssMB: mb(peakRssBytes(pid)),
    ...children.stop(),
    dockerdCpuSecondsPerMinute: dockerd ? perMinute(engine0, cpuSeconds(dockerd)) : 'n/a',
  };
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return result;
}

async function main(): Promise<void> {
  removeContainers();
  startContainers();
  try {
    const { dataDir, env, gpu } = opsbarDataDir();
    const opsbar = spawn(process.execPath, [join(root, 'bin', 'opsbar.js'), 'serve', '--quiet', '--port', '0', '--data-dir', dataDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
    });
    const opsbarResult = await measure('opsbar serve', opsbar);
    const gpuShown = existsSync(join(dataDir, 'config.yaml')) ? readFileSync(join(dataDir, 'config.yaml'), 'utf8').trim() : '';
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
    const summary = {
      date: new Date().toISOString(),
      intervalMs: interval,
      containers: CONTAINERS,
      gpu,
      gpuConfig: gpuShown,
      measureSeconds: MEASURE_MS / 1000,
      opsbar: opsbarResult,
      glances: glancesResult,
      opsbarCpuOverGlances: ratio,
      goals: {
        cpuOverGlances: `≤ ${GOALS.cpuOverGlances}: ${ratio === null ? 'not measured' : ratio <= GOALS.cpuOverGlances ? 'met' : 'NOT met'}`,
        peakRssMB: `≤ ${GOALS.peakRssMB}: ${(opsbarResult.peakRssMB as number) <= GOALS.peakRssMB ? 'met' : 'NOT met'}`,
      },
    };
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    removeContainers();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
