/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { SettingsProposal } from '../../shared/api/contract/settings';
import type { SettingsView } from '../../shared/config/settingsSchema';
import { SettingsChangeDialog } from '../../renderer/src/components/settings/SettingsChangeDialog';
import { OpsbarContext } from '../../renderer/src/hooks/opsbarContext';
import { ApiCallError } from '../../renderer/src/transport';
import { createFakeTransport, type FakeHandlers } from './fakeTransport';
import { settingsView } from './fixtures';

afterEach(cleanup);

const PATCH = { docker: { endpoint: 'tcp://10.0.0.9:2375' } };
const PROPOSAL: SettingsProposal = {
  changeId: 'c-1',
  expiresAt: 0,
  changes: [{ path: 'docker.endpoint', from: '', to: 'tcp://10.0.0.9:2375', why: 'Opsbar connects to this Docker engine.', guarded: true }],
};

function show(handlers: FakeHandlers) {
  const transport = createFakeTransport({ 'settings.propose': () => PROPOSAL, ...handlers });
  const outcome: { applied: SettingsView[]; closed: number } = { applied: [], closed: 0 };
  render(
    <OpsbarContext.Provider value={transport}>
      <SettingsChangeDialog patch={PATCH} onApplied={(v) => outcome.applied.push(v)} onClosed={() => outcome.closed++} />
    </OpsbarContext.Provider>,
  );
  return { transport, outcome };
}

describe('settings change confirmation dialog', () => {
  it('lists each change from → to with why, and confirms only on "Apply change"', async () => {
    const { transport, outcome } = show({ 'settings.confirm': () => settingsView() });
    assert.ok(await screen.findByText('docker.endpoint'));
    assert.ok(screen.getByText('Change what Opsbar connects to or runs?'));
    assert.ok(screen.getByText('tcp://10.0.0.9:2375'));
    assert.ok(screen.getByText('(empty: autodetect / default)'));
    assert.ok(screen.getByText('Opsbar connects to this Docker engine.'));
    assert.deepEqual(transport.calls.map((c) => c.method).filter((m) => m.startsWith('settings.')), ['settings.propose']);
    fireEvent.click(screen.getByText('Apply change'));
    await waitFor(() => assert.equal(outcome.applied.length, 1));
    assert.deepEqual(transport.calls.find((c) => c.method === 'settings.confirm')?.payload, { changeId: 'c-1' });
  });

  it('Cancel cancels the proposal and applies nothing', async () => {
    const { transport, outcome } = show({ 'settings.cancel': () => ({ cancelled: true }) });
    await screen.findByText('docker.endpoint');
    fireEvent.click(screen.getByText('Cancel'));
    assert.equal(outcome.closed, 1);
    await waitFor(() => assert.ok(transport.calls.some((c) => c.method === 'settings.cancel')));
    assert.equal(transport.calls.some((c) => c.method === 'settings.confirm'), false);
  });

  it("shows the core's refusal (expired, or not confirmed in the app's dialog)", async () => {
    show({
      'settings.confirm': () => {
        throw new ApiCallError('refused', 'The settings change was not confirmed in the dialog; nothing changed.');
      },
    });
    await screen.findByText('docker.endpoint');
    fireEvent.click(screen.getByText('Apply change'));
    assert.ok(await screen.findByText('The settings change was not confirmed in the dialog; nothing changed.'));
  });
});
