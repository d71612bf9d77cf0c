// settings.confirm from the app's window passes a native dialog in main first; the page cannot
// skip it, and the dialog shows the core's own description of the change.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { IPC_CALL_CHANNEL } from '../../shared/api/client';
import type { SettingsProposal } from '../../shared/api/contract/settings';
import type { Envelope } from '../../shared/api/envelope';
import type { SettingsView } from '../../shared/config/settingsSchema';
import { createOpsbarCore } from '../../electron/core/createCore';
import { silentLogger } from '../../electron/core/logger';
import { setupIpc, type InvokeEventLike, type IpcMainLike } from '../../electron/main/ipc';
import { SettingsConfirmation, confirmDialogOptions, type ConfirmDialogOptions } from '../../electron/main/settingsConfirmation';
import { TestClock } from '../support/testClock';
import { tempDir } from '../support/tempDir';
import { FakeWebContents, quietLog } from './fakes';

function setup(answer: number | Error) {
  const core = createOpsbarCore({ dataDir: tempDir('opsbar-confirm-'), clock: new TestClock(), log: silentLogger, modules: [] });
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
  const dialogs: ConfirmDialogOptions[] = [];
  const log = quietLog();
  const confirmSettings = new SettingsConfirmation({
    showMessageBox: async (options) => {
      dialogs.push(options);
      if (answer instanceof Error) throw answer;
      return { response: answer };
    },
    log,
  });
  const service = setupIpc({ ipcMain, core, log, confirmSettings });
  service.attachWindow(new FakeWebContents(7));
  const call = (method: string, payload: unknown) =>
    handlers.get(IPC_CALL_CHANNEL)?.({ sender: { id: 7 }, senderFrame: { url: 'opsbar://app/index.html', parent: null } }, method, payload) as Promise<Envelope<unknown>>;
  return { core, call, dialogs, log };
}

const patch = { patch: { runbooks: { directory: '/srv/ops/runbooks' } } };

async function propose(call: ReturnType<typeof setup>['call']): Promise<SettingsProposal> {
  const answer = await call('settings.propose', patch);
  assert.ok(answer.ok);
  return answer.value as SettingsProposal;
}

describe('native confirmation of guarded settings (main)', () => {
  test('Apply in the dialog lets the confirm through; the dialog names the field, from → to, and why', async () => {
    const { core, call, dialogs } = setup(0);
    const { changeId } = await propose(call);
    const answer = await call('settings.confirm', { changeId });
    assert.ok(answer.ok, JSON.stringify(answer));
    assert.equal((answer.value as SettingsView).settings.runbooks.directory, '/srv/ops/runbooks');
    assert.equal(dialogs.length, 1);
    assert.match(dialogs[0].message, /runbooks\.directory/);
    assert.match(dialogs[0].detail, /"\/srv\/ops\/runbooks"/);
    assert.match(dialogs[0].detail, /runs their shell steps/);
    assert.equal(dialogs[0].defaultId, dialogs[0].cancelId, 'Enter does not apply by accident');
    await core.stop();
  });

  test('Cancel (or a dialog that fails) refuses the confirm and nothing changes', async () => {
    for (const answer of [1, new Error('no display')]) {
      const { core, call, log } = setup(answer);
      const { changeId } = await propose(call);
      const refused = await call('settings.confirm', { changeId });
      assert.equal(refused.ok, false);
      assert.match(!refused.ok ? refused.error.message : '', /not confirmed in the dialog/);
      const view = await call('settings.get', {});
      assert.equal(view.ok && (view.value as SettingsView).settings.runbooks.directory, '');
      if (answer instanceof Error) assert.ok(log.lines.some((l) => l.includes('no display')));
      await core.stop();
    }
  });

  test('a change the window did not see proposed (made over HTTP, or made up) is refused without a dialog', async () => {
    const { core, call, dialogs } = setup(0);
    const overHttp = await core.dispatch('settings.propose', patch, { caller: 'dashboard' });
    assert.ok(overHttp.ok);
    const refused = await call('settings.confirm', { changeId: (overHttp.value as SettingsProposal).changeId });
    assert.equal(!refused.ok && refused.error.code, 'refused');
    assert.equal(dialogs.length, 0);
    await core.stop();
  });

  test('long values are shortened in the dialog text', () => {
    const options = confirmDialogOptions([{ path: 'docker.endpoint', from: '', to: `tcp://${'a'.repeat(1000)}`, why: 'w', guarded: true }]);
    assert.ok(options.detail.length < 600);
    assert.match(options.detail, /autodetect/);
  });
});
