// Store flush cadence and durability (not a test): CPU and main-thread time per minute of the
// always-on loop's writes (system samples every 2 s, container samples every 10 s), flushed every
// 1, 2 or 10 s, with synchronous=FULL (durable on power loss) or NORMAL (durable on app crash).
// Time is simulated: ten minutes of writes run back to back. Run: node --import tsx bench/store-flush-bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../electron/core/store/openDatabase';
import { SampleWriter } from '../electron/core/store/sampleWriter';
import { SeriesRegistry } from '../electron/core/store/seriesRegistry';

const MINUTES = Number(process.env.BENCH_STORE_MINUTES ?? 10);
const SYSTEM_SERIES = 25; // CPU, memory, load, a few disks and interfaces
const CONTAINER_SERIES = 40; // 20 containers × (CPU %, memory)
const round = (n: number) => Number(n.toFixed(1));

function run(synchronous: 'FULL' | 'NORMAL', flushEveryMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'opsbar-flush-bench-'));
  const { db } = openDatabase(join(dir, 'opsbar.db'), { now: Date.now });
  db.pragma(`synchronous = ${synchronous}`);
  const writer = new SampleWriter(db, new SeriesRegistry(db), { maxBufferedSamples: 100_000, flushThreshold: 5000 });
  const t0 = Date.now();
  let flushes = 0;
  let blockedMs = 0;
  const cpu0 = process.cpuUsage();
  for (let ms = 0; ms < MINUTES * 60_000; ms += 1000) {
    if (ms % 2000 === 0) writer.write(Array.from({ length: SYSTEM_SERIES }, (_, i) => ({ series: `system.s${i}`, ts: t0 + ms, value: (ms / 1000 + i) % 100 })));
    if (ms % 10_000 === 0) writer.write(Array.from({ length: CONTAINER_SERIES }, (_, i) => ({ series: `container.c${i}`, ts: t0 + ms, value: i })));
    if (ms % flushEveryMs === 0 && writer.health().pendingSamples > 0) {
      const start = performance.now();
      writer.flush();
      blockedMs += performance.now() - start;
      flushes++;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    synchronous,
    flushEverySeconds: flushEveryMs / 1000,
    flushesPerMinute: round(flushes / MINUTES),
    cpuMsPerMinute: round((cpu.user + cpu.system) / 1000 / MINUTES),
    eventLoopBlockedMsPerMinute: round(blockedMs / MINUTES),
  };
}

const results = [];
for (const synchronous of ['FULL', 'NORMAL'] as const) for (const every of [1000, 2000, 10_000]) results.push(run(synchronous, every));
console.log(JSON.stringify({ date: new Date().toISOString(), simulatedMinutes: MINUTES, results }, null, 2));
