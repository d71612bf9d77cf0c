// Benchmark: the model probe against a loopback streaming server of known rate (not a test).
// For every stream shape (rate; tokens per chunk; role-only first chunk; usage present or absent;
// reasoning deltas first; Ollama NDJSON) it runs REPEATS probes and prints the worst error of the
// probe's decode tokens/s against the true rate (goal: within 2%) and of its TTFT against the
// server's true first-token delay (goal: within 20 ms), plus the probe's own CPU per probe.
// "True" is what the server actually wrote, timed at each write (`EmittedStream`): on a busy
// machine its timers run late, and that lateness is the server's, not a probe error. The
// configured rate and delay are shown beside it. The fake servers run in a child process so the
// CPU figure is the probe's alone; three warm-up probes (JIT) run first and are not counted.
// Shapes without usage are `estimated` (no token count from the server): tokens are the max_tokens
// the server says it stopped at (`finish_reason: "length"`), else the chunks. They are held to the goal too.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ollamaChatProbe } from '../electron/core/monitors/models/probe/ollamaChatProbe';
import { streamProbe } from '../electron/core/monitors/models/probe/streamProbe';
import type { EmittedStream, FakeModelOptions } from '../test/support/fakeModelServer';

const REPEATS = Number(process.env.BENCH_PROBE_REPEATS ?? 3);
const FIRST_TOKEN_DELAY_MS = 150;
const GOALS = { ratePercent: 2, ttftMs: 20 };

interface Shape {
  name: string;
  options: FakeModelOptions;
}

const shapes: Shape[] = [];
for (const rate of [20, 60, 150]) {
  for (const perChunk of [1, 3, 8]) shapes.push({ name: `${rate} tok/s, ${perChunk}/chunk`, options: { tokensPerSecond: rate, tokensPerChunk: perChunk } });
}
shapes.push(
  { name: '60 tok/s, 1/chunk, role-only first', options: { tokensPerSecond: 60, tokensPerChunk: 1, roleFirst: true } },
  { name: '60 tok/s, 8/chunk, role-only first', options: { tokensPerSecond: 60, tokensPerChunk: 8, roleFirst: true } },
  { name: '60 tok/s, 1/chunk, reasoning first', options: { tokensPerSecond: 60, tokensPerChunk: 1, reasoningTokens: 16, roleFirst: true } },
  { name: '150 tok/s, 3/chunk, reasoning first', options: { tokensPerSecond: 150, tokensPerChunk: 3, reasoningTokens: 16 } },
  { name: '60 tok/s, 1/chunk, no usage', options: { tokensPerSecond: 60, tokensPerChunk: 1, usage: false } },
  { name: '60 tok/s, 3/chunk, no usage', options: { tokensPerSecond: 60, tokensPerChunk: 3, usage: false } },
  { name: '150 tok/s, 8/chunk, no usage', options: { tokensPerSecond: 150, tokensPerChunk: 8, usage: false } },
  { name: '60 tok/s, llama.cpp timings', options: { tokensPerSecond: 60, extras: 'llama.cpp' } },
  { name: '60 tok/s, Ollama /api/chat', options: { tokensPerSecond: 60, protocol: 'ollama' } },
  { name: '150 tok/s, Ollama /api/chat', options: { tokensPerSecond: 150, protocol: 'ollama' } },
);

interface Host {
  child: ChildProcess;
  serve(options: FakeModelOptions): Promise<string>;
  lastStream(): Promise<EmittedStream>;
}

function startHost(): Promise<Host> {
  const child = fork(join(__dirname, 'modelProbeServerHost.ts'), { execArgv: ['--import', 'tsx'] });
  const serve = (options: FakeModelOptions) =>
    new Promise<string>((resolve) => {
      child.once('message', (m: { url: string }) => resolve(m.url));
      child.send({ options });
    });
  const lastStream = () =>
    new Promise<EmittedStream>((resolve, reject) => {
      child.once('message', (m: { streams: EmittedStream[] }) => {
        const last = m.streams.at(-1);
        if (last) resolve(last);
        else reject(new Error('the fake server recorded no stream'));
      });
      child.send('streams');
    });
  return new Promise((resolve) => child.once('message', () => resolve({ child, serve, lastStream })));
}

async function main(): Promise<void> {
  const host = await startHost();
  const warmUp = await host.serve({ tokensPerSecond: 500 });
  for (let i = 0; i < 3; i++) await streamProbe({ baseUrl: warmUp, model: 'bench' });
  const rows: string[][] = [];
  let missed = 0;
  for (const shape of shapes) {
    const url = await host.serve({ firstTokenDelayMs: FIRST_TOKEN_DELAY_MS, ...shape.options });
    const probe = shape.options.protocol === 'ollama' ? ollamaChatProbe : streamProbe;
    let worstRate = 0;
    let worstTtft = 0;
    let rate = 0;
    let ttft = 0;
    let emitted: EmittedStream | null = null;
    let cpuMs = 0;
    let estimated = false;
    for (let i = 0; i < REPEATS; i++) {
      const before = process.cpuUsage();
      const result = await probe({ baseUrl: url, model: 'bench' });
      const used = process.cpuUsage(before);
      if (!result.ok) throw new Error(`${shape.name}: ${result.reason}`);
      cpuMs += (used.user + used.system) / 1000 / REPEATS;
      rate = result.decodeTokensPerSecond ?? NaN;
      ttft = result.ttftMs;
      estimated = result.estimated;
      emitted = await host.lastStream();
      const rateErr = (100 * (rate - emitted.tokensPerSecond)) / emitted.tokensPerSecond;
      const ttftErr = ttft - emitted.firstTokenDelayMs;
      if (Math.abs(rateErr) > Math.abs(worstRate)) worstRate = rateErr;
      if (Math.abs(ttftErr) > Math.abs(worstTtft)) worstTtft = ttftErr;
    }
    const ok = Math.abs(worstRate) <= GOALS.ratePercent && Math.abs(worstTtft) <= GOALS.ttftMs;
    if (!ok) missed++;
    rows.push([
      shape.name,
      `${shape.options.tokensPerSecond} / ${emitted!.tokensPerSecond.toFixed(2)}`,
      rate.toFixed(2),
      `${worstRate >= 0 ? '+' : ''}${worstRate.toFixed(2)}%`,
      `${FIRST_TOKEN_DELAY_MS} / ${emitted!.firstTokenDelayMs.toFixed(1)}`,
      ttft.toFixed(1),
      `${worstTtft >= 0 ? '+' : ''}${worstTtft.toFixed(1)}`,
      estimated ? 'yes' : 'no',
      cpuMs.toFixed(1),
      ok ? 'ok' : 'MISS',
    ]);
  }
  host.child.send('close');
  const header = ['shape', 'tok/s set / true', 'probe tok/s', 'worst rate err', 'TTFT ms set / true', 'probe TTFT ms', 'worst TTFT err ms', 'estimated', 'CPU ms/probe', `goal ±${GOALS.ratePercent}% / ±${GOALS.ttftMs} ms`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(`model probe: ${REPEATS} probes per shape; "true" and the probe's figures are of the last probe, errors the worst of ${REPEATS}`);
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const row of rows) console.log(line(row));
  if (missed) console.log(`${missed} shape(s) with usage missed a goal`);
  process.exitCode = missed ? 1 : 0;
}

void main();
