// Runbook scale benchmark (not a test): a 3,000-file runbook folder (first load, cached list,
// six concurrent `runbooks.list` calls beside `status.get` on a served Opsbar) and long runs
// (ms per step at 100 and 5,000 shell steps). Prints one JSON object.
// Run: node --import tsx bench/runbookScale.ts   (RUNBOOK_SCALE_STEPS=100,5000 to choose runs,
// RUNBOOK_SCALE_SUBSCRIBER=0 for runs nobody watches, RUNBOOK_SCALE_FOLDER=0 to skip the folder)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../electron/core/logger';
import { createRunbookCatalog } from '../electron/core/runbooks/format/runbookCatalog';
import { builtInStepKinds } from '../electron/core/runbooks/steps/builtInStepKinds';
import { stepKindRegistry } from '../electron/core/runbooks/steps/registry';
import { openBenchRunbookSystem } from './benchRunbookSystem';
import { callApi, serveOpsbar } from '../test/support/opsbarProcess';

const FILES = 3000;
const STEP_COUNTS = (process.env.RUNBOOK_SCALE_STEPS ?? '100,5000').split(',').map(Number);
const SUBSCRIBER = process.env.RUNBOOK_SCALE_SUBSCRIBER !== '0';
const FOLDER = process.env.RUNBOOK_SCALE_FOLDER !== '0';
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Short steps: 5,000 of them still fit the 256 KiB file limit. */
function runbookText(id: string, steps: number, script = 'echo ok'): string {
  let text = `---\nid: ${id}\ntitle: Scale ${id}\ncategory: daily\n---\n\n`;
  for (let n = 1; n <= steps; n++) text += `## S${n}\n\n\`\`\`run shell\n${script}\n\`\`\`\n\n`;
  return text;
}

/** 3,000 runbooks, 18 of them invalid (the warnings the issue saw re-logged per call). */
function bigFolder(root: string): string {
  const folder = join(root, 'runbooks');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < FILES; i++) writeFileSync(join(folder, `scale-${i}.md`), i < 18 ? `# not a runbook ${i}\n` : runbookText(`scale-${i}`, 3));
  return folder;
}

async function folderFigures() {
  const root = mkdtempSync(join(tmpdir(), 'opsbar-scale-'));
  const folder = bigFolder(root);
  const kinds = stepKindRegistry(builtInStepKinds);
  let warnings = 0;
  const log = { ...silentLogger, warn: () => void warnings++ };
  let t = performance.now();
  const catalog = createRunbookCatalog({ builtinDir: folder, userDir: null, kinds, log, watch: false });
  const firstLoadMs = performance.now() - t;
  const cached: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    catalog.refresh();
    catalog.view();
    cached.push(performance.now() - t);
  }
  writeFileSync(join(folder, 'scale-100.md'), runbookText('scale-100', 4));
  t = performance.now();
  catalog.refresh();
  const oneEditedMs = performance.now() - t;
  const warningsAfter21Lists = warnings;

  // The served core: six list calls at once, and a status.get beside them.
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  writeFileSync(join(dataDir, 'config.yaml'), `runbooks:\n  directory: ${folder}\n  scheduling: false\ndocker:\n  enabled: false\n`);
  const served = await serveOpsbar(dataDir);
  await callApi(served, 'runbooks.list');
  const statusAlone: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    await callApi(served, 'status.get');
    statusAlone.push(performance.now() - t);
  }
  const beside: number[] = [];
  const allSix: number[] = [];
  for (let round_ = 0; round_ < 5; round_++) {
    const t0 = performance.now();
    const lists = Array.from({ length: 6 }, () => callApi(served, 'runbooks.list'));
    const status = callApi(served, 'status.get').then(() => beside.push(performance.now() - t0));
    await Promise.all([...lists, status]);
    allSix.push(performance.now() - t0);
  }
  await served.stop();
  rmSync(root, { recursive: true, force: true });
  return {
    files: FILES,
    firstLoadMs: Math.round(firstLoadMs),
    cachedListMsMedian: round(median(cached)),
    oneFileEditedMs: round(oneEditedMs),
    warningsLogged: warningsAfter21Lists,
    served: {
      statusGetAloneMsMedian: round(median(statusAlone)),
      statusGetBesideSixListsMsMedian: round(median(beside)),
      sixListsAndStatusMsMedian: round(median(allSix)),
    },
  };
}

async function runFigures(steps: number) {
  const stepEnds: number[] = [];
  // Like the live hub with one subscriber: every run message is serialised.
  const bench = openBenchRunbookSystem('opsbar-scale-run-', { 'long.md': runbookText('scale-long', steps, 'true') }, (message) => {
    if (SUBSCRIBER) JSON.stringify(message);
    if (message.type === 'run' && message.run.state === 'running') stepEnds.push(performance.now());
  });
  const { system } = bench;
  const book = system.catalog.get('scale-long');
  if (!book) throw new Error(`the ${steps}-step runbook did not load: ${JSON.stringify(system.catalog.view().invalid[0]?.problems[0])}`);
  const hash = book.hash;
  const t0 = performance.now();
  const run = system.runs.start({ runbookId: 'scale-long', hash, params: {}, mode: 'auto', trigger: 'cli', startedBy: 'bench' });
  const done = await system.runs.settled(run.id);
  const totalMs = performance.now() - t0;
  if (done.state !== 'succeeded') throw new Error(done.summary);
  await bench.close();
  const last = stepEnds.slice(-Math.min(100, stepEnds.length));
  return { steps, msPerStep: round(totalMs / steps), last100MsPerStep: round((last[last.length - 1] - last[0]) / (last.length - 1)) };
}

async function main() {
  const folder = FOLDER ? await folderFigures() : null;
  const runs = [];
  for (const steps of STEP_COUNTS) runs.push(await runFigures(steps));
  console.log(JSON.stringify({ folder, subscriber: SUBSCRIBER, runs }, null, 2));
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
