import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDiskAction } from '../../../../electron/core/actions/disk/diskAction';
import { tempDir } from '../../../support/tempDir';
import { diskDeps, runItems, toPlan } from './diskActionHarness';

const DAY = 86_400_000;

function file(path: string, content: string | Buffer, ageDays: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  const at = new Date(Date.now() - ageDays * DAY);
  utimesSync(path, at, at);
}

/** A Hugging Face hub with an old and a fresh model. */
function huggingFace(): string {
  const hub = tempDir('opsbar-hf-');
  file(join(hub, 'models--org--old-model', 'blobs', 'aaa'), Buffer.alloc(3000), 60);
  file(join(hub, 'models--org--old-model', 'snapshots', 'rev1', 'README.md'), 'x', 60);
  file(join(hub, 'models--org--fresh', 'blobs', 'bbb'), Buffer.alloc(2000), 1);
  return hub;
}

const digest = (c: string) => `sha256:${c.repeat(64)}`;

/** Ollama models: `old:7b` and `fresh:latest` share blob b; a is only old's, c only fresh's. */
function ollama(): string {
  const models = tempDir('opsbar-ollama-');
  const manifest = (name: string, tag: string, layers: string[], age: number) =>
    file(join(models, 'manifests', 'registry.ollama.ai', 'library', name, tag), JSON.stringify({ config: { digest: digest(layers[0]) }, layers: layers.slice(1).map((d) => ({ digest: digest(d) })) }), age);
  file(join(models, 'blobs', `sha256-${'a'.repeat(64)}`), Buffer.alloc(4000), 60);
  file(join(models, 'blobs', `sha256-${'b'.repeat(64)}`), Buffer.alloc(1000), 60);
  file(join(models, 'blobs', `sha256-${'c'.repeat(64)}`), Buffer.alloc(500), 2);
  manifest('old', '7b', ['a', 'b'], 60);
  manifest('fresh', 'latest', ['c', 'b'], 2);
  return models;
}

test('without Docker the plan still has the opt-in caches (unticked, by name) and the history, and says Docker is not reachable', async () => {
  const deps = diskDeps({ docker: false });
  try {
    const hub = huggingFace();
    const models = ollama();
    Object.assign(deps.settingsValue.emergency.disk.huggingFace, { enabled: true, path: hub, unusedDays: 30 });
    Object.assign(deps.settingsValue.emergency.disk.ollama, { enabled: true, path: models, unusedDays: 30 });
    const plugin = createDiskAction();
    const draft = await plugin.plan({}, deps);
    assert.ok(draft.notes.some((n) => n.startsWith('Docker not reachable: Docker is switched off')), draft.notes.join('\n'));
    const byId = new Map(draft.items.map((i) => [i.id, i]));
    assert.deepEqual([...byId.keys()].sort(), ['hf:org/old-model', 'history:vacuum', 'ollama:old:7b']);
    assert.equal(byId.get('hf:org/old-model')!.selected, false);
    assert.equal(byId.get('hf:org/old-model')!.bytes, 3001);
    assert.equal(byId.get('ollama:old:7b')!.selected, false);
    assert.equal(byId.get('ollama:old:7b')!.bytes, 4000, 'only the blob no other model uses');
    assert.ok(draft.kept.some((k) => k.id === 'hf:org/fresh' && /within 30 days/.test(k.reason)));
    assert.ok(draft.kept.some((k) => k.id === 'ollama:fresh:latest'));

    const plan = toPlan(draft, {}, deps.clock.now());
    const run = await runItems(plugin, plan, ['hf:org/old-model', 'ollama:old:7b', 'history:vacuum'], deps);
    assert.deepEqual(run.outcomes.map((o) => [o.id, o.outcome]), [
      ['hf:org/old-model', 'done'],
      ['ollama:old:7b', 'done'],
      ['history:vacuum', 'done'],
    ], JSON.stringify(run.outcomes));
    assert.equal(existsSync(join(hub, 'models--org--old-model')), false);
    assert.equal(existsSync(join(hub, 'models--org--fresh')), true);
    assert.equal(existsSync(join(models, 'manifests', 'registry.ollama.ai', 'library', 'old', '7b')), false);
    assert.equal(existsSync(join(models, 'blobs', `sha256-${'a'.repeat(64)}`)), false);
    assert.equal(existsSync(join(models, 'blobs', `sha256-${'b'.repeat(64)}`)), true, 'the blob fresh:latest still uses stays');
    assert.equal(run.verified.passed, true, JSON.stringify(run.verified));
    assert.equal(typeof run.verified.figures.freeBytesBefore, 'number');
    assert.equal(typeof run.verified.figures.freeBytesAfter, 'number');
    assert.match(run.verified.summary, /predicted/);
  } finally {
    deps.close();
  }
});

test('a cached model used between plan and execute is skipped, not removed', async () => {
  const deps = diskDeps({ docker: false });
  try {
    const hub = huggingFace();
    Object.assign(deps.settingsValue.emergency.disk.huggingFace, { enabled: true, path: hub, unusedDays: 30 });
    const plugin = createDiskAction();
    const plan = toPlan(await plugin.plan({}, deps), {}, deps.clock.now());
    // Used now: its blob is read (access time moves on).
    const blob = join(hub, 'models--org--old-model', 'blobs', 'aaa');
    utimesSync(blob, new Date(), new Date(Date.now() - 60 * DAY));
    const run = await runItems(plugin, plan, ['hf:org/old-model'], deps);
    assert.equal(run.outcomes[0].outcome, 'skipped');
    assert.match(run.outcomes[0].detail, /changed since the plan: the model was used since the plan/);
    assert.equal(existsSync(blob), true);
  } finally {
    deps.close();
  }
});

test('caches the settings do not enable are not planned unless asked for', async () => {
  const deps = diskDeps({ docker: false });
  try {
    const hub = huggingFace();
    deps.settingsValue.emergency.disk.huggingFace.path = hub;
    const plugin = createDiskAction();
    assert.ok(!(await plugin.plan({}, deps)).items.some((i) => i.kind === 'cache.remove'));
    assert.ok((await plugin.plan({ caches: true }, deps)).items.some((i) => i.id === 'hf:org/old-model'));
  } finally {
    deps.close();
  }
});
