#!/usr/bin/env node
// `npm run bench`: every benchmark in turn (they are measurements, not tests). Needs a Docker
// engine (`bash .ci/start-docker.sh`) and, for the peer comparison, Debian's glances with
// python3-docker (its Docker plugin). `npm run bench -- dockerScale` runs only the matching ones.
import { spawnSync } from 'node:child_process';

const benches = [
  'bench/store-bench.ts',
  'bench/store-flush-bench.ts',
  'bench/system-collector-bench.ts',
  'bench/runbook-bench.ts',
  'bench/runbookScale.ts',
  'bench/serveVsGlances.ts',
  'bench/dockerScale.ts',
  'bench/modelProbe.ts',
  'bench/modelsRead.ts',
  'bench/alerting.ts',
  'bench/emergency.ts',
  'bench/everyday.ts',
];
const only = process.argv.slice(2);
let failed = 0;
for (const file of benches.filter((b) => only.length === 0 || only.some((o) => b.includes(o)))) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
