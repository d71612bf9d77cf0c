/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { SettingsProposal } from '../../shared/api/contract/settings';
import { createFakeTransport } from './fakeTransport';
import { settingsView, statusSnapshot } from './fixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const PROPOSAL: SettingsProposal = {
  changeId: 'c-7',
  expiresAt: 0,
  changes: [{ path: 'runbooks.directory', from: '', to: '/srv/runbooks', why: 'Opsbar loads runbooks from this folder and runs their shell steps.', guarded: true }],
};

describe('Settings page', () => {
  it('a guarded field changes only through the confirmation dialog, never by settings.update', async () => {
    const applied = settingsView();
    applied.settings.runbooks.directory = '/srv/runbooks';
    const transport = createFakeTransport({
      'status.get': () => statusSnapshot(),
      'settings.get': () => settingsView(),
      'settings.propose': () => PROPOSAL,
      'settings.confirm': () => applied,
    });
    renderApp(transport, 'settings');
    const input = (await screen.findByLabelText('Your runbooks folder')) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '  /srv/runbooks ' } });
    fireEvent.click(input.closest('form')!.querySelector('button')!);
    assert.ok(await screen.findByText('Change what Opsbar connects to or runs?'));
    const propose = transport.calls.find((c) => c.method === 'settings.propose');
    assert.deepEqual(propose?.payload, { patch: { runbooks: { directory: '/srv/runbooks' } } });
    fireEvent.click(screen.getByText('Apply change'));
    await waitFor(() => assert.equal(screen.queryByText('Apply change'), null));
    assert.deepEqual(transport.calls.find((c) => c.method === 'settings.confirm')?.payload, { changeId: 'c-7' });
    assert.equal(transport.calls.some((c) => c.method === 'settings.update'), false);
    assert.equal((screen.getByLabelText('Your runbooks folder') as HTMLInputElement).value, '/srv/runbooks');
  });

  it("shows the config file's problems with their field, and says so when there are none", async () => {
    const view = settingsView();
    view.problems = [{ path: '(file)', message: 'YAML aliases from line 4, column 8 on cannot be read; using defaults.' }];
    renderApp(createFakeTransport({ 'status.get': () => statusSnapshot(), 'settings.get': () => view }), 'settings');
    assert.ok(await screen.findByText(/YAML aliases from line 4, column 8/));
    assert.ok(screen.getByText(view.configPath));
    cleanup();
    renderApp(createFakeTransport({ 'status.get': () => statusSnapshot(), 'settings.get': () => settingsView() }), 'settings');
    assert.ok(await screen.findByText(/No problems: every setting in the file applies/));
  });
});
