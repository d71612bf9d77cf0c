// Runbook runner benchmark (not a test): what Opsbar adds to a step beyond running its shell,
// measured against the peer that does only that (spawn /bin/sh -c, drain the output) in the
// same run. Prints one JSON object. Run: node --import tsx bench/runbook-bench.ts
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { builtinRunbookDir } from '../electron/core/runbooks/createRunbookSystem';
import { createRunbookCatalog } from '../electron/core/runbooks/format/runbookCatalog';
import { builtInStepKinds } from '../electron/core/runbooks/steps/builtInStepKinds';
import { stepKindRegistry } from '../electron/core/runbooks/steps/registry';
import { openBenchRunbookSystem } from './benchRunbookSystem';

const STEPS = 20;
const RUNS = 5;
const BIG_OUTPUT_BYTES = 200_000_000;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function rawShell(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

function runbookText(id: string, steps: string[]): string {
  const body = steps.map((script, i) => `## Step ${i + 1}\n\n\`\`\`run shell timeout=5m\n${script}\n\`\`\`\n`).join('\n');
  return `---\nid: ${id}\ntitle: ${id}\ncategory: daily\n---\n\n${body}`;
}

async function main() {
  let liveMessages = 0;
  const bench = openBenchRunbookSystem('opsbar-rb-bench-', {
    'many.md': runbookText('bench-many-steps', Array.from({ length: STEPS }, () => 'echo hi')),
    'big.md': runbookText('bench-big-output', [`head -c ${BIG_OUTPUT_BYTES} /dev/zero | tr '\\0' x`]),
  }, () => void liveMessages++);
  const { system } = bench;
  const runThrough = async (id: string) => {
    system.catalog.refresh();
    const hash = system.catalog.get(id)!.hash;
    const run = system.runs.start({ runbookId: id, hash, params: {}, mode: 'auto', trigger: 'cli', startedBy: 'bench' });
    const done = await system.runs.settled(run.id);
    if (done.state !== 'succeeded') throw new Error(`${id}: ${done.summary}`);
  };

  // Per step: the runner (admission, env, process group, capture, verification, two durable
  // store writes, live messages) vs a bare spawn of the same script.
  const runnerStepMs: number[] = [];
  const rawStepMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    for (let s = 0; s < STEPS; s++) await rawShell('echo hi');
    rawStepMs.push((performance.now() - t0) / STEPS);
    t0 = performance.now();
    await runThrough('bench-many-steps');
    runnerStepMs.push((performance.now() - t0) / STEPS);
  }

  // A step printing 200 MB: bounded capture and throttled live output vs draining it to nowhere.
  let t0 = performance.now();
  await rawShell(`head -c ${BIG_OUTPUT_BYTES} /dev/zero | tr '\\0' x`);
  const rawBigMs = performance.now() - t0;
  const messagesBefore = liveMessages;
  const rssBefore = process.memoryUsage().rss;
  t0 = performance.now();
  await runThrough('bench-big-output');
  const runnerBigMs = performance.now() - t0;
  const bigLiveMessages = liveMessages - messagesBefore;
  const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1e6;

  // Loading the shipped library (every file parsed and checked), as a start or a list does.
  const kinds = stepKindRegistry(builtInStepKinds);
  // A fresh catalog each time: refresh() on a cached one only checks file signatures (runbookScale measures that).
  const loadMs: number[] = [];
  let catalog = createRunbookCatalog({ builtinDir: builtinRunbookDir(), userDir: null, kinds });
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    catalog = createRunbookCatalog({ builtinDir: builtinRunbookDir(), userDir: null, kinds });
    catalog.refresh();
    loadMs.push(performance.now() - t);
  }

  await bench.close();
  const perStep = median(runnerStepMs);
  const raw = median(rawStepMs);
  console.log(
    JSON.stringify(
      {
        steps: { runnerMsPerStep: round(perStep), bareSpawnMsPerStep: round(raw), ratio: round(perStep / raw), overheadMsPerStep: round(perStep - raw) },
        bigOutput: {
          bytes: BIG_OUTPUT_BYTES,
          runnerMs: Math.round(runnerBigMs),
          bareSpawnMs: Math.round(rawBigMs),
          ratio: round(runnerBigMs / rawBigMs),
          liveMessages: bigLiveMessages,
          rssGrowthMb: round(rssGrowthMb, 1),
        },
        library: { runbooks: catalog.view().runbooks.length, invalid: catalog.view().invalid.length, loadMsMedian: round(median(loadMs)) },
      },
      null,
      2,
    ),
  );
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
