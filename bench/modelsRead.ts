// Benchmark: the models module's passive read (what runs every 15 s) of one server of each kind —
// Ollama, llama.cpp, LM Studio, vLLM, mlx-lm — against a peer measured in the same run: one bare
// `fetch` of each server's main listing (the least any reader must do). The servers run in a child
// process, so CPU (process.cpuUsage) is the reader's alone. Prints medians over ROUNDS reads.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { modelsSchema } from '../shared/config/modelsSettingsSchema';
import { systemClock } from '../electron/core/clock';
import { noProbes } from '../electron/core/monitors/models/modelProbeService';
import { ModelsCollector } from '../electron/core/monitors/models/modelsCollector';

const ROUNDS = Number(process.env.BENCH_MODELS_ROUNDS ?? 60);
const LISTING: Record<string, string> = { ollama: '/api/ps', llamacpp: '/props', lmstudio: '/api/v0/models', vllm: '/v1/models', mlx: '/v1/models' };

interface Figures {
  wallMs: number[];
  cpuMs: number[];
}

async function measure(read: () => Promise<unknown>): Promise<Figures> {
  const figures: Figures = { wallMs: [], cpuMs: [] };
  for (let i = 0; i < 5; i++) await read(); // warm-up (JIT, keep-alive-free sockets)
  for (let i = 0; i < ROUNDS; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await read();
    figures.wallMs.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    figures.cpuMs.push((used.user + used.system) / 1000);
  }
  return figures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];

async function main(): Promise<void> {
  const host = fork(join(__dirname, 'modelsReadServerHost.ts'), { execArgv: ['--import', 'tsx'] });
  const urls = await new Promise<Record<string, string>>((resolve) => host.once('message', (m: { urls: Record<string, string> }) => resolve(m.urls)));
  try {
    const settings = modelsSchema.parse({
      autodetect: false,
      endpoints: Object.entries(urls).map(([kind, url]) => ({ url, kind })),
    });
    const collector = new ModelsCollector({ settings, env: {}, clock: systemClock, probes: noProbes, peerSnapshot: () => null });
    collector.start({ emitEvent: () => undefined, requestCollect: () => undefined });
    const first = await collector.collect();
    const up = first.snapshot.endpoints.filter((e) => e.up).length;
    const opsbar = await measure(() => collector.collect());
    await collector.stop?.();
    const peer = await measure(() => Promise.all(Object.entries(urls).map(([kind, url]) => fetch(url + LISTING[kind]).then((r) => r.text()))));
    console.log(`models passive read: ${up} of ${Object.keys(urls).length} servers up, ${ROUNDS} reads each (${new Date().toISOString().slice(0, 10)})`);
    console.log('| reader | median wall ms | p95 wall ms | median CPU ms | ratio of CPU to the peer |');
    console.log('|---|---|---|---|---|');
    const row = (name: string, f: Figures) => `| ${name} | ${median(f.wallMs).toFixed(1)} | ${p95(f.wallMs).toFixed(1)} | ${median(f.cpuMs).toFixed(2)} | ${(median(f.cpuMs) / median(peer.cpuMs)).toFixed(2)}× |`;
    console.log(row('Opsbar: every endpoint read (listings, loaded state, /metrics, slots)', opsbar));
    console.log(row('peer: one bare fetch of each listing', peer));
    const perMinute = (median(opsbar.cpuMs) * 60_000) / settings.intervalMs;
    console.log(`at the default ${settings.intervalMs / 1000} s interval: ${perMinute.toFixed(1)} ms CPU a minute`);
  } finally {
    host.send('close');
  }
}

void main();
