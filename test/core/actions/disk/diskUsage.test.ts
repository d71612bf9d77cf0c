import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDiskUsage } from '../../../../electron/core/actions/disk/diskUsage';
import { dockerAvailable } from '../../../support/dockerEngine';
import { tempDir } from '../../../support/tempDir';
import { diskDeps } from './diskActionHarness';

const HOUR = 3_600_000;

function hub(): string {
  const root = tempDir('opsbar-hf-');
  for (const [model, bytes] of [['models--a--big', 9000], ['models--b--small', 1000]] as const) {
    mkdirSync(join(root, model, 'blobs'), { recursive: true });
    writeFileSync(join(root, model, 'blobs', 'x'), Buffer.alloc(bytes));
  }
  return root;
}

test('what fills this disk: the largest folders of each root, roots that are not there, and days until full', async () => {
  const deps = diskDeps({ docker: false });
  try {
    const hf = hub();
    deps.settingsValue.emergency.disk.huggingFace.path = hf;
    deps.settingsValue.emergency.disk.ollama.path = join(tempDir(), 'no-ollama-here');
    const now = deps.clock.now();
    const samples = [];
    for (let ts = now - 4 * HOUR; ts <= now; ts += 60_000) samples.push({ series: 'disk.freeBytes:/', ts, value: 50e9 - ((ts - (now - 4 * HOUR)) / HOUR) * 1e9 });
    deps.realStore.writeSamples(samples);
    deps.realStore.flush();

    const view = await readDiskUsage(deps);
    const byKind = new Map(view.roots.map((r) => [r.kind, r]));
    assert.deepEqual([...byKind.keys()], ['docker', 'huggingface', 'ollama', 'opsbar']);
    assert.match(byKind.get('docker')!.problem ?? '', /^Docker not reachable: Docker is switched off/);
    const hfRoot = byKind.get('huggingface')!;
    assert.equal(hfRoot.totalBytes, 10_000);
    assert.equal(hfRoot.truncated, false);
    assert.deepEqual(hfRoot.entries.filter((e) => !e.path.endsWith('blobs')).map((e) => [e.path.slice(hf.length + 1), e.bytes]), [
      ['models--a--big', 9000],
      ['models--b--small', 1000],
    ]);
    assert.deepEqual({ exists: byKind.get('ollama')!.exists, problem: byKind.get('ollama')!.problem }, { exists: false, problem: null });
    assert.ok(byKind.get('opsbar')!.totalBytes > 0, "Opsbar's own history file is counted");
    const root = view.growth.find((g) => g.mount === '/')!;
    assert.ok(Math.abs(root.bytesPerDay! - 24e9) < 1e7, `bytesPerDay ${root.bytesPerDay}`);
    assert.ok(Math.abs(root.daysUntilFull! - 46 / 24) < 0.01, `daysUntilFull ${root.daysUntilFull}`);
  } finally {
    deps.close();
  }
});

test("Docker's data root is walked within the entry budget when the engine is on this machine", async (t) => {
  if (!(await dockerAvailable())) return t.skip('no Docker engine');
  const deps = diskDeps();
  try {
    const view = await readDiskUsage(deps, { maxEntries: 400 });
    const docker = view.roots.find((r) => r.kind === 'docker')!;
    assert.ok(docker.path.length > 0, JSON.stringify(docker));
    assert.equal(docker.exists, true);
    assert.ok(docker.entries.length > 0 || docker.problem !== null, JSON.stringify(docker));
    assert.ok(view.roots.every((r) => r.truncated || r.totalBytes >= 0));
  } finally {
    deps.close();
  }
});
