/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { notificationMessage } from './alertFixtures';
import { createFakeTransport, type FakeTransport } from './fakeTransport';
import { settingsView } from './fixtures';
import { renderApp } from './renderApp';

/** A stand-in for the browser's Notification API: records what was shown and each permission request. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static shown: FakeNotification[] = [];
  static requests = 0;
  static answer: NotificationPermission = 'granted';
  static async requestPermission(): Promise<NotificationPermission> {
    FakeNotification.requests++;
    FakeNotification.permission = FakeNotification.answer;
    return FakeNotification.answer;
  }
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

const globals = globalThis as { Notification?: unknown };

beforeEach(() => {
  FakeNotification.permission = 'default';
  FakeNotification.shown = [];
  FakeNotification.requests = 0;
  FakeNotification.answer = 'granted';
  globals.Notification = FakeNotification;
});

afterEach(() => {
  cleanup();
  delete globals.Notification;
});

/** Waits for the Shell's settings read that follows each notification (`settings.get` after the message). */
async function notify(transport: FakeTransport, overrides = {}) {
  const before = transport.calls.filter((c) => c.method === 'settings.get').length;
  await act(async () => transport.emit({ type: 'notification', notification: notificationMessage(overrides) }));
  await waitFor(() => assert.ok(transport.calls.filter((c) => c.method === 'settings.get').length > before));
  await act(async () => {});
}

describe('browser notifications (headless desktop channel)', () => {
  it('shows a live notification with title, body and tag when permission is granted, and a click opens its incident', async () => {
    FakeNotification.permission = 'granted';
    const transport = createFakeTransport();
    renderApp(transport);
    await screen.findByRole('region', { name: 'Firing alerts' });
    await notify(transport);
    assert.equal(FakeNotification.shown.length, 1);
    const [shown] = FakeNotification.shown;
    assert.equal(shown.title, 'Critical: demo-loop restart loop');
    assert.deepEqual(shown.options, { body: 'demo-loop restarted 6 times in 10 min', tag: 'n-42' });
    let focused = 0;
    const focus = window.focus;
    window.focus = () => void focused++;
    await act(async () => shown.onclick?.());
    window.focus = focus;
    assert.equal(focused, 1);
    assert.equal(window.location.hash, '#/incidents/7');
    assert.equal(shown.closed, true);
    await screen.findByText('No incidents. An incident opens when an alert fires at warning or worse.');
  });

  it('shows nothing without permission, with desktop notifications off, or in the Electron app (the shell shows its own)', async () => {
    const http = createFakeTransport();
    renderApp(http);
    await screen.findByRole('region', { name: 'Firing alerts' });
    await notify(http);
    assert.equal(FakeNotification.shown.length, 0, 'shown without permission');
    cleanup();

    FakeNotification.permission = 'granted';
    const off = settingsView();
    off.settings.notifications.desktop = false;
    const quiet = createFakeTransport({ 'settings.get': () => off });
    renderApp(quiet);
    await screen.findByRole('region', { name: 'Firing alerts' });
    await notify(quiet);
    assert.equal(FakeNotification.shown.length, 0, 'shown with notifications.desktop off');
    cleanup();

    const electron = { ...createFakeTransport(), kind: 'electron' as const };
    renderApp(electron as FakeTransport);
    await screen.findByRole('region', { name: 'Firing alerts' });
    await act(async () => electron.emit({ type: 'notification', notification: notificationMessage() }));
    await act(async () => {});
    assert.equal(FakeNotification.shown.length, 0, 'shown twice in the Electron app');
    assert.equal(electron.calls.some((c) => c.method === 'settings.get'), false);
  });

  it('asks for permission only when "Enable browser notifications" is clicked', async () => {
    renderApp(createFakeTransport(), 'settings');
    const button = await screen.findByRole('button', { name: 'Enable browser notifications' });
    assert.equal(FakeNotification.requests, 0, 'asked before a click');
    fireEvent.click(button);
    assert.ok(await screen.findByText('Browser notifications are on while this page is open.'));
    assert.equal(FakeNotification.requests, 1);
    cleanup();
    FakeNotification.permission = 'default';
    FakeNotification.answer = 'denied';
    renderApp(createFakeTransport(), 'settings');
    fireEvent.click(await screen.findByRole('button', { name: 'Enable browser notifications' }));
    assert.ok(await screen.findByText(/Browser notifications are blocked for this page/));
  });
});
