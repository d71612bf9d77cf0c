/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SettingsProposal } from '../../shared/api/contract/settings';
import type { SettingsView } from '../../shared/config/settingsSchema';
import { ApiCallError } from '../../renderer/src/transport';
import { channelView, notificationMessage } from './alertFixtures';
import { createFakeTransport } from './fakeTransport';
import { settingsView } from './fixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

function channels() {
  const failingSince = Date.now() - 60_000;
  const retryAt = new Date(Date.now() + 3 * 60_000);
  return {
    retryAt,
    list: [
      channelView({ id: 'desktop', kind: 'desktop', name: 'Desktop', target: 'this computer', lastDelivery: { at: Date.now() - 2 * 60_000, notificationId: 'n-1', reason: 'firing', ok: true, status: null, error: null, attempt: 1 } }),
      channelView(),
      channelView({
        id: 'webhook:phone',
        kind: 'ntfy',
        name: 'phone',
        target: 'https://ntfy.sh/…',
        minSeverity: 'critical',
        lastDelivery: { at: failingSince, notificationId: 'n-2', reason: 'firing', ok: false, status: null, error: 'connection refused by ntfy.sh:443', attempt: 3 },
        retryAt: retryAt.getTime(),
      }),
    ],
  };
}

function region() {
  return screen.findByRole('region', { name: 'Notifications' });
}

describe('Settings: notifications', () => {
  it('lists each channel with kind, name, redacted target, severity, state and last delivery', async () => {
    const { list, retryAt } = channels();
    renderApp(createFakeTransport({ 'notifications.channels': () => list }), 'settings');
    const table = await within(await region()).findByRole('table', { name: 'Notification channels' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent ?? '');
    assert.match(rows[0], /^DesktopDesktopthis computerWarning or worseondelivered 2 min agoTest$/);
    assert.match(rows[1], /^JSON webhookopshttps:\/\/hooks\.example\.com\/…Warning or worseondelivered 2 min ago \(HTTP 200\)Test$/);
    const hm = `${String(retryAt.getHours()).padStart(2, '0')}:${String(retryAt.getMinutes()).padStart(2, '0')}`;
    assert.match(rows[2], new RegExp(`^ntfyphonehttps://ntfy\\.sh/…Critical or worseonfailing: connection refused by ntfy\\.sh:443 — retrying at ${hm}Test$`));
  });

  it('tests a channel with its button and shows the result inline, also a failure', async () => {
    const { list } = channels();
    const transport = createFakeTransport({
      'notifications.channels': () => list,
      'notifications.test': (p) => {
        if (p.channel === 'webhook:phone') throw new ApiCallError('refused', 'webhook:phone is failing: connection refused by ntfy.sh:443. Check the URL in config.yaml.');
        return { channel: p.channel, delivery: { at: Date.now(), notificationId: 't-1', reason: 'test', ok: true, status: 204, error: null, attempt: 1 } };
      },
    });
    renderApp(transport, 'settings');
    const table = await within(await region()).findByRole('table', { name: 'Notification channels' });
    const ops = within(table).getByRole('row', { name: 'Channel ops' });
    fireEvent.click(within(ops).getByRole('button', { name: 'Test' }));
    assert.equal((await within(ops).findByRole('status')).textContent?.trim(), 'Test delivered (HTTP 204).');
    assert.deepEqual(transport.calls.find((c) => c.method === 'notifications.test')?.payload, { channel: 'webhook:ops' });
    const phone = within(table).getByRole('row', { name: 'Channel phone' });
    fireEvent.click(within(phone).getByRole('button', { name: 'Test' }));
    assert.match((await within(phone).findByRole('status')).textContent ?? '', /connection refused by ntfy\.sh:443\. Check the URL/);
  });

  it('adds a webhook through the settings change dialog with the whole webhooks array', async () => {
    const view = settingsView();
    view.settings.notifications.webhooks = [{ name: 'ops', kind: 'json', url: 'https://hooks.example.com/…', enabled: true, minSeverity: 'warning' }];
    const applied: SettingsView = structuredClone(view);
    applied.settings.notifications.webhooks.push({ name: 'phone', kind: 'ntfy', url: 'https://ntfy.sh/…', enabled: true, minSeverity: 'critical' });
    const proposal: SettingsProposal = { changeId: 'c-9', expiresAt: Date.now() + 300_000, changes: [{ path: 'notifications.webhooks', from: [], to: [], why: '', guarded: false }] };
    let listed = 0;
    const transport = createFakeTransport({
      'settings.get': () => view,
      'settings.propose': () => proposal,
      'settings.confirm': () => applied,
      'notifications.channels': () => (listed++ === 0 ? [channelView()] : [channelView(), channelView({ id: 'webhook:phone', name: 'phone', kind: 'ntfy' })]),
    });
    renderApp(transport, 'settings');
    const form = await within(await region()).findByRole('form', { name: 'Add a webhook' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'my/phone' } });
    fireEvent.change(within(form).getByLabelText('URL'), { target: { value: 'https://ntfy.sh/t' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add webhook…' }));
    assert.match((await within(form).findByRole('alert')).textContent ?? '', /name: A channel name is letters, digits/);
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'phone' } });
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'ntfy' } });
    fireEvent.change(within(form).getByLabelText('URL'), { target: { value: 'ftp://ntfy.sh/t' } });
    fireEvent.change(within(form).getByLabelText('Min severity'), { target: { value: 'critical' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add webhook…' }));
    assert.match((await within(form).findByRole('alert')).textContent ?? '', /url: a webhook URL starts with http:\/\/ or https:\/\//);
    fireEvent.change(within(form).getByLabelText('URL'), { target: { value: 'https://ntfy.sh/opsbar-7f3k' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add webhook…' }));
    await screen.findByRole('dialog');
    assert.deepEqual(transport.calls.find((c) => c.method === 'settings.propose')?.payload, {
      patch: {
        notifications: {
          webhooks: [
            { name: 'ops', kind: 'json', url: 'https://hooks.example.com/…', enabled: true, minSeverity: 'warning' },
            { name: 'phone', kind: 'ntfy', url: 'https://ntfy.sh/opsbar-7f3k', minSeverity: 'critical', enabled: true },
          ],
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Apply change' }));
    // A boolean, not the element: a failed assert on a DOM node inspects the whole jsdom graph (minutes).
    await waitFor(() => assert.ok(document.querySelector('[role="dialog"]') === null, 'the dialog is still open'));
    // The new channel list is fetched once the change applied.
    assert.ok(await screen.findByRole('row', { name: 'Channel phone' }));
  });

  it('saves the policy with settings.update, writing the repeat interval as a duration string', async () => {
    const transport = createFakeTransport({ 'settings.update': () => settingsView() });
    renderApp(transport, 'settings');
    const form = await within(await region()).findByRole('form', { name: 'Notification policy' });
    const repeat = within(form).getByLabelText(/Repeat an unacknowledged critical/) as HTMLInputElement;
    assert.equal(repeat.value, '1h');
    fireEvent.change(repeat, { target: { value: 'soon' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save notification settings' }));
    assert.match((await within(form).findByRole('alert')).textContent ?? '', /"soon" is not a duration/);
    assert.equal(transport.calls.some((c) => c.method === 'settings.update'), false);
    fireEvent.change(repeat, { target: { value: '90m' } });
    fireEvent.click(within(form).getByLabelText('Notify on recovery'));
    fireEvent.change(within(form).getByLabelText(/Notify at/), { target: { value: 'critical' } });
    fireEvent.click(within(form).getByLabelText('On'));
    fireEvent.change(within(form).getByLabelText('from'), { target: { value: '23:00' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save notification settings' }));
    await screen.findByText('Saved.');
    assert.deepEqual(transport.calls.find((c) => c.method === 'settings.update')?.payload, {
      notifications: { desktop: true, minSeverity: 'critical', recovery: false, repeatCritical: '1h30m', quietHours: { enabled: true, start: '23:00', end: '07:00' } },
    });
  });

  it('refreshes a channel’s last delivery when a notification goes out', async () => {
    let delivered = false;
    const transport = createFakeTransport({
      'notifications.channels': () => [channelView({ lastDelivery: delivered ? { at: Date.now(), notificationId: 'n-42', reason: 'firing', ok: true, status: 200, error: null, attempt: 1 } : null })],
    });
    renderApp(transport, 'settings');
    const table = await within(await region()).findByRole('table', { name: 'Notification channels' });
    assert.ok(within(table).getByText('nothing sent yet'));
    delivered = true;
    await act(async () => transport.emit({ type: 'notification', notification: notificationMessage() }));
    assert.ok(await within(table).findByText('delivered just now (HTTP 200)'));
  });
});
