// CPU cost of one system sample: Opsbar's collector against systeminformation's
// currentLoad() + mem() + fsSize(), measured in the same process and run.
// Usage: node --import tsx bench/system-collector-bench.ts [opsbarSamples] [siSamples]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import si from 'systeminformation';
import { defaultSettings } from '../shared/config/settingsSchema';
import { createSystemCollector } from '../electron/core/monitors/system';

const opsbarSamples = Number(process.argv[2] ?? 10_000);
const siSamples = Number(process.argv[3] ?? 30);
const intervalMs = defaultSettings().monitoring.systemIntervalMs;

// Children's CPU (systeminformation spawns df, cat, grep…): cutime + cstime of /proc/self/stat,
// counted for children Node has reaped. Read CLK_TCK before measuring: it spawns one too.
const clockTicks = process.platform === 'linux' ? Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) : 0;
function childCpuMs(): number {
  if (!clockTicks) return 0;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  return ((Number(fields[13]) + Number(fields[14])) / clockTicks) * 1000; // fields 16 and 17
}

interface Cost {
  samples: number;
  selfCpuUsPerSample: number;
  childCpuUsPerSample: number;
  cpuUsPerSample: number;
  wallMsPerSample: number;
  /** Share of one core when sampling every `intervalMs`. */
  percentOfCoreAtInterval: number;
}

async function measure(samples: number, warmUp: number, sample: () => Promise<unknown>): Promise<Cost> {
  // Warm up: module loading, first open of files, JIT. A tray app samples for days.
  for (let i = 0; i < warmUp; i++) await sample();
  const child0 = childCpuMs();
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  for (let i = 0; i < samples; i++) await sample();
  const wallMs = Number(process.hrtime.bigint() - wall0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const childUs = (childCpuMs() - child0) * 1000;
  const selfUs = cpu.user + cpu.system;
  const perSample = (selfUs + childUs) / samples;
  return {
    samples,
    selfCpuUsPerSample: round(selfUs / samples),
    childCpuUsPerSample: round(childUs / samples),
    cpuUsPerSample: round(perSample),
    wallMsPerSample: round(wallMs / samples, 3),
    percentOfCoreAtInterval: round((perSample / 1000 / intervalMs) * 100, 4),
  };
}

function round(n: number, digits = 1): number {
  return Number(n.toFixed(digits));
}

async function main(): Promise<void> {
  // A clock that moves one interval per sample, so the mount table is re-read as often as
  // in real use (once a minute), not once for the whole run.
  let time = Date.now();
  const clock = { now: () => time, setTimeout: () => ({ cancel() {} }) };
  const collector = createSystemCollector(defaultSettings(), { clock });
  const opsbar = await measure(opsbarSamples, 1000, async () => {
    time += intervalMs;
    await collector.collect();
  });
  const { snapshot } = await collector.collect();
  collector.stop();

  const systeminformation = await measure(siSamples, 3, () => Promise.all([si.currentLoad(), si.mem(), si.fsSize()]));

  console.log(
    JSON.stringify(
      {
        platform: process.platform,
        node: process.version,
        cores: snapshot.cpu.cores,
        disks: snapshot.disks.map((d) => d.mount),
        intervalMs,
        opsbar,
        systeminformation,
        ratio: round(systeminformation.cpuUsPerSample / opsbar.cpuUsPerSample),
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
