// History store benchmark (not a test): ingest rate, and a 30-day chart answered from hour
// rollups vs from raw rows. Prints one JSON object. Run: node --import tsx bench/store-bench.ts
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Sample } from '../electron/core/monitors/collector';
import { DAY_MS } from '../electron/core/store/bucketPlan';
import { HistoryQueries } from '../electron/core/store/historyQueries';
import { openDatabase } from '../electron/core/store/openDatabase';
import { OpsbarStore } from '../electron/core/store/opsbarStore';
import { SeriesRegistry } from '../electron/core/store/seriesRegistry';
import type { Resolution } from '../shared/types/history';

const LIVE_SERIES = 40; // a realistic host: CPU, memory, GPUs, disks, a dozen containers
const LIVE_INTERVAL_MS = 2000;
const LIVE_FLUSHES = 300; // one flush per collection tick: the worst case (the store flushes every 10 s; see store-flush-bench.ts)
const HISTORY_SERIES = 3;
const HISTORY_DAYS = 30;
const HISTORY_INTERVAL_MS = 5000;
const BULK_BATCH = 5000; // the writer's own flush threshold
const CHART_POINTS = 720;
const QUERY_RUNS = 5;

const NOW = Date.UTC(2026, 0, 31);
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

function liveIngest(file: string) {
  const { store } = OpsbarStore.open(file, { now: () => NOW, flushIntervalMs: 3_600_000 });
  const names = Array.from({ length: LIVE_SERIES }, (_, i) => (i < 8 ? `system.metric${i}` : `container.cpuPercent:stack/svc${i}`));
  const flushMs: number[] = [];
  const started = performance.now();
  for (let tick = 0; tick < LIVE_FLUSHES; tick++) {
    const ts = NOW - (LIVE_FLUSHES - tick) * LIVE_INTERVAL_MS;
    store.writeSamples(names.map((series, i) => ({ series, ts, value: (tick * 7 + i * 13) % 100 })));
    const t0 = performance.now();
    store.flush();
    flushMs.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  store.close();
  return {
    description: `${LIVE_SERIES} series every ${LIVE_INTERVAL_MS / 1000} s, one durable flush (fsync) per tick`,
    rowsPerFlush: LIVE_SERIES,
    flushes: LIVE_FLUSHES,
    rowsPerSecond: Math.round((LIVE_FLUSHES * LIVE_SERIES) / seconds),
    flushMsP50: round(percentile(flushMs, 0.5), 3),
    flushMsP99: round(percentile(flushMs, 0.99), 3),
    // How many such hosts one store could keep up with, at its real 20 rows/s.
    headroomX: Math.round((LIVE_FLUSHES * LIVE_SERIES) / seconds / (LIVE_SERIES / (LIVE_INTERVAL_MS / 1000))),
  };
}

function bulkHistory(file: string) {
  const { store } = OpsbarStore.open(file, { now: () => NOW, flushIntervalMs: 3_600_000 });
  const from = NOW - HISTORY_DAYS * DAY_MS;
  const names = Array.from({ length: HISTORY_SERIES }, (_, i) => `gpu.utilPercent:${i}`);
  let batch: Sample[] = [];
  let rows = 0;
  const started = performance.now();
  for (let ts = from; ts < NOW; ts += HISTORY_INTERVAL_MS) {
    for (let i = 0; i < names.length; i++) batch.push({ series: names[i], ts, value: 50 + 40 * Math.sin(ts / 3_600_000 + i) });
    if (batch.length >= BULK_BATCH) {
      store.writeSamples(batch); // reaching the threshold flushes in one transaction
      rows += batch.length;
      batch = [];
    }
  }
  store.writeSamples(batch);
  rows += batch.length;
  store.flush();
  const seconds = (performance.now() - started) / 1000;
  store.close();
  return {
    description: `${HISTORY_DAYS} days of ${HISTORY_SERIES} series every ${HISTORY_INTERVAL_MS / 1000} s, ${BULK_BATCH} rows per flush`,
    rows,
    seconds: round(seconds),
    rowsPerSecond: Math.round(rows / seconds),
    fileMB: round(statSync(file).size / 1e6, 1),
    series: names,
  };
}

function chartQueries(file: string, series: string) {
  const { store } = OpsbarStore.open(file, { now: () => NOW });
  const { db } = openDatabase(file, { now: () => NOW });
  const registry = new SeriesRegistry(db);
  const queries = new HistoryQueries(db, registry);
  const seriesId = registry.idOf(series)!;
  const from = NOW - HISTORY_DAYS * DAY_MS;
  const timeIt = (run: () => number) => {
    const times: number[] = [];
    let points = 0;
    for (let i = 0; i < QUERY_RUNS; i++) {
      const t0 = performance.now();
      points = run();
      times.push(performance.now() - t0);
    }
    return { medianMs: round(percentile(times, 0.5), 3), points };
  };
  const auto = store.query(series, from, NOW, CHART_POINTS);
  const fromTable = (res: Resolution) => timeIt(() => queries.queryAt(seriesId, res, from, NOW, CHART_POINTS).length);
  const result = {
    description: `${HISTORY_DAYS}-day chart of one series, ${CHART_POINTS} points, median of ${QUERY_RUNS}`,
    storeQuery: { resolution: auto.resolution, ...timeIt(() => store.query(series, from, NOW, CHART_POINTS).points.length) },
    from_1h: fromTable('1h'),
    from_1m: fromTable('1m'),
    from_raw: fromTable('raw'),
  };
  db.close();
  store.close();
  return result;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'opsbar-store-bench-'));
  try {
    const started = performance.now();
    const live = liveIngest(join(dir, 'live.db'));
    const bulk = bulkHistory(join(dir, 'history.db'));
    const chart = chartQueries(join(dir, 'history.db'), bulk.series[0]);
    const report = {
      bench: 'store',
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      tmpdir: tmpdir(),
      ingestLive: live,
      ingestBulk: bulk,
      chart,
      rollupSpeedupX: round(chart.from_raw.medianMs / chart.from_1h.medianMs, 1),
      totalSeconds: round((performance.now() - started) / 1000, 1),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
