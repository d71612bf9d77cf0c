// Settings that change where Opsbar connects or what it executes need propose → confirm, through
// the core's real handler table; every applied change leaves an audit row.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { SettingsProposal } from '../../../shared/api/contract/settings';
import type { Envelope } from '../../../shared/api/envelope';
import type { SettingsView } from '../../../shared/config/settingsSchema';
import { PROPOSAL_TTL_MS } from '../../../electron/core/config/settingsChangeGate';
import { createOpsbarCore } from '../../../electron/core/createCore';
import { silentLogger } from '../../../electron/core/logger';
import { TestClock } from '../../support/testClock';
import { tempDir } from '../../support/tempDir';

function setup() {
  const dataDir = tempDir('opsbar-settings-gate-');
  const clock = new TestClock();
  const core = createOpsbarCore({ dataDir, clock, log: silentLogger, modules: [] });
  const call = (method: string, payload: unknown, caller: 'app' | 'dashboard' | 'cli' = 'dashboard') => core.dispatch(method, payload, { caller });
  /** The audit rows, oldest first (read after the core closed its database). */
  const audit = async () => {
    await core.stop();
    const db = new Database(join(dataDir, 'opsbar.db'), { readonly: true });
    try {
      return (db.prepare('SELECT actor, action, target, outcome, details FROM audit ORDER BY id').all() as { actor: string; action: string; target: string; outcome: string; details: string }[]).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
    } finally {
      db.close();
    }
  };
  return { dataDir, clock, core, call, audit };
}

function value<T>(envelope: Envelope<unknown>): T {
  assert.ok(envelope.ok, `expected ok, got ${JSON.stringify(envelope)}`);
  return envelope.value as T;
}

function refusal(envelope: Envelope<unknown>): string {
  assert.equal(envelope.ok, false, `expected a refusal, got ${JSON.stringify(envelope)}`);
  assert.equal(!envelope.ok && envelope.error.code, 'refused');
  return envelope.ok ? '' : envelope.error.message;
}

describe('guarded settings (settings.update / propose / confirm)', () => {
  test('settings.update refuses docker.endpoint, runbooks.directory, gpu.nvidiaSmiPath and models.endpoints, and nothing is written', async () => {
    const { call, dataDir, core } = setup();
    for (const patch of [{ docker: { endpoint: 'tcp://10.0.0.9:2375' } }, { runbooks: { directory: '/tmp/x' } }, { gpu: { nvidiaSmiPath: '/tmp/evil' } }, { models: { endpoints: [{ url: 'http://203.0.113.9:80', apiKeyEnv: 'AWS_SECRET_ACCESS_KEY' }] } }]) {
      assert.match(refusal(await call('settings.update', patch)), /needs confirmation.*settings\.propose.*settings\.confirm/);
    }
    const view = value<SettingsView>(await call('settings.get', {}));
    assert.equal(view.settings.docker.endpoint, '');
    assert.equal(view.settings.gpu.nvidiaSmiPath, '');
    assert.deepEqual(view.settings.models.endpoints, []);
    assert.throws(() => readFileSync(join(dataDir, 'config.yaml'), 'utf8'), 'no config file was written');
    await core.stop();
  });

  test('propose describes the change and applies nothing; confirm applies it once and audits who, what, from → to', async () => {
    const { call, audit } = setup();
    const proposal = value<SettingsProposal>(await call('settings.propose', { patch: { docker: { endpoint: 'tcp://10.0.0.9:2375' }, thresholds: { memoryPercentWarning: 80 } } }));
    assert.deepEqual(proposal.changes.map(({ path, from, to, guarded }) => ({ path, from, to, guarded })), [
      { path: 'docker.endpoint', from: '', to: 'tcp://10.0.0.9:2375', guarded: true },
      { path: 'thresholds.memoryPercentWarning', from: 90, to: 80, guarded: false },
    ]);
    assert.match(proposal.changes[0].why, /connects to this Docker engine/);
    assert.equal(value<SettingsView>(await call('settings.get', {})).settings.docker.endpoint, '', 'propose applies nothing');

    const applied = value<SettingsView>(await call('settings.confirm', { changeId: proposal.changeId }, 'app'));
    assert.equal(applied.settings.docker.endpoint, 'tcp://10.0.0.9:2375');
    assert.equal(applied.settings.thresholds.memoryPercentWarning, 80);
    assert.match(refusal(await call('settings.confirm', { changeId: proposal.changeId })), /No pending settings change/, 'one use');

    const rows = await audit();
    assert.deepEqual(rows.map((r) => [r.actor, r.action, r.target, r.outcome]), [
      ['dashboard', 'settings.propose', 'docker.endpoint, thresholds.memoryPercentWarning', 'planned'],
      ['app', 'settings.confirm', 'docker.endpoint, thresholds.memoryPercentWarning', 'succeeded'],
    ]);
    assert.deepEqual(rows[1].details.changes, [
      { path: 'docker.endpoint', from: '', to: 'tcp://10.0.0.9:2375' },
      { path: 'thresholds.memoryPercentWarning', from: 90, to: 80 },
    ]);
    assert.equal(rows[1].details.proposedBy, 'dashboard');
  });

  test('a proposal expires (core clock), and one made stale by another change is refused', async () => {
    const { call, clock, core } = setup();
    const late = value<SettingsProposal>(await call('settings.propose', { patch: { runbooks: { directory: '/srv/runbooks' } } }));
    await clock.advance(PROPOSAL_TTL_MS + 1);
    assert.match(refusal(await call('settings.confirm', { changeId: late.changeId })), /expired/);

    const stale = value<SettingsProposal>(await call('settings.propose', { patch: { gpu: { nvidiaSmiPath: '/usr/bin/nvidia-smi' } } }));
    const other = value<SettingsProposal>(await call('settings.propose', { patch: { gpu: { nvidiaSmiPath: '/opt/nvidia-smi' } } }));
    value(await call('settings.confirm', { changeId: other.changeId }));
    assert.match(refusal(await call('settings.confirm', { changeId: stale.changeId })), /changed since this change was proposed/);
    assert.equal(value<SettingsView>(await call('settings.get', {})).settings.gpu.nvidiaSmiPath, '/opt/nvidia-smi');
    await core.stop();
  });

  test('cancel drops a proposal (audited); proposing the current values is refused', async () => {
    const { call, audit } = setup();
    const proposal = value<SettingsProposal>(await call('settings.propose', { patch: { docker: { endpoint: 'unix:///x.sock' } } }));
    assert.deepEqual(value(await call('settings.cancel', { changeId: proposal.changeId })), { cancelled: true });
    assert.match(refusal(await call('settings.confirm', { changeId: proposal.changeId })), /No pending/);
    assert.match(refusal(await call('settings.propose', { patch: { docker: { endpoint: '' } } })), /nothing to confirm/);
    assert.deepEqual((await audit()).map((r) => r.outcome), ['planned', 'cancelled']);
  });

  test('ordinary settings apply through settings.update at once, with an audit row', async () => {
    const { call, audit } = setup();
    const view = value<SettingsView>(await call('settings.update', { thresholds: { diskFreePercentWarning: 20 }, docker: { endpoint: '' } }, 'cli'));
    assert.equal(view.settings.thresholds.diskFreePercentWarning, 20);
    assert.deepEqual((await audit()).map((r) => [r.actor, r.action, r.target, r.outcome, r.details.changes]), [
      ['cli', 'settings.update', 'thresholds.diskFreePercentWarning', 'succeeded', [{ path: 'thresholds.diskFreePercentWarning', from: 15, to: 20 }]],
    ]);
  });
});
