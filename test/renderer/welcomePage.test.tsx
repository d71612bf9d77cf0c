/** @jsxRuntime automatic */
// The first start's welcome view inside the App: what was found, a switch per monitor, the
// notification choice, start at login, and the config written through setup.apply.
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SetupChoice, SetupDetection } from '../../shared/types/setup';
import { ApiCallError } from '../../renderer/src/transport';
import { createFakeTransport, type FakeHandlers, type FakeTransport } from './fakeTransport';
import { settingsView } from './fixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

function detection(overrides: Partial<SetupDetection> = {}): SetupDetection {
  return {
    firstRun: true,
    configPath: '/home/ana/.config/opsbar/config.yaml',
    platform: 'linux',
    docker: { found: true, endpoint: '/var/run/docker.sock', kind: 'linux-engine', detail: 'Linux engine 27.3.1', containers: 12 },
    gpus: { found: false, source: null, names: [], detail: 'nvidia-smi is not on PATH' },
    modelServers: [{ url: 'http://127.0.0.1:11434', kind: 'Ollama', models: 3 }],
    disks: [{ mount: '/', totalBytes: 460e9, freeBytes: 41e9 }],
    notificationChannels: ['desktop', 'webhook', 'ntfy', 'slack'],
    startAtLoginSupported: true,
    ...overrides,
  };
}

function show(handlers: FakeHandlers = {}): { transport: FakeTransport; applied: SetupChoice[] } {
  const applied: SetupChoice[] = [];
  const transport = createFakeTransport({
    'setup.detect': () => detection(),
    'setup.apply': (choice) => {
      applied.push(choice);
      return settingsView();
    },
    ...handlers,
  });
  renderApp(transport);
  return { transport, applied };
}

const card = (name: string) => screen.getByRole('region', { name });
const welcomeShown = () => screen.queryByRole('main', { name: 'Welcome' }) !== null;
const dashboardShown = () => screen.queryByRole('navigation', { name: 'Pages' }) !== null;

describe('welcome view (first start)', () => {
  it('says what was found, one sentence per finding, with each monitor pre-set on when found', async () => {
    show();
    await waitFor(() => assert.equal(welcomeShown(), true));
    assert.equal(dashboardShown(), false);
    assert.ok(within(card('Docker')).getByText('Docker: Linux engine at /var/run/docker.sock — 12 containers'));
    assert.ok(within(card('GPUs')).getByText('GPUs: none found (nvidia-smi is not on PATH)'));
    assert.ok(within(card('Model servers')).getByText('Model servers: Ollama at http://127.0.0.1:11434 (3 models)'));
    assert.ok(within(card('Disks')).getByText('Disks: / 41 GB free of 460 GB'));
    assert.equal((within(card('Docker')).getByRole('checkbox', { name: 'Watch Docker containers' }) as HTMLInputElement).checked, true);
    assert.equal((within(card('GPUs')).getByRole('checkbox', { name: 'Watch GPUs' }) as HTMLInputElement).checked, false);
    assert.equal((within(card('Model servers')).getByRole('checkbox', { name: 'Watch model servers' }) as HTMLInputElement).checked, true);
    const login = screen.getByRole('checkbox', { name: 'Start Opsbar when I log in' }) as HTMLInputElement;
    assert.equal(login.checked, false, 'start at login is off by default');
    assert.ok(screen.getByText('/home/ana/.config/opsbar/config.yaml'));
  });

  it('"Start monitoring" writes the choices (monitors, ntfy webhook, start at login), then the dashboard appears', async () => {
    const { applied } = show();
    await waitFor(() => assert.equal(welcomeShown(), true));
    fireEvent.click(within(card('Docker')).getByRole('checkbox', { name: 'Watch Docker containers' }));
    fireEvent.click(within(card('GPUs')).getByRole('checkbox', { name: 'Watch GPUs' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Start Opsbar when I log in' }));
    const notifications = card('Notifications');
    fireEvent.change(within(notifications).getByRole('combobox', { name: 'Also send to' }), { target: { value: 'ntfy' } });
    fireEvent.change(within(notifications).getByRole('textbox', { name: 'Webhook URL' }), { target: { value: ' https://ntfy.sh/box-alerts ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start monitoring' }));
    await waitFor(() => assert.equal(dashboardShown(), true));
    assert.equal(welcomeShown(), false);
    assert.deepEqual(applied, [
      {
        monitors: { docker: false, gpu: true, models: true, http: true },
        notifications: { desktop: true, webhook: { kind: 'ntfy', url: 'https://ntfy.sh/box-alerts' } },
        startAtLogin: true,
      },
    ]);
  });

  it('"Skip" writes the defaults', async () => {
    const { applied } = show();
    await waitFor(() => assert.equal(welcomeShown(), true));
    fireEvent.click(screen.getByRole('button', { name: 'Skip (use the defaults)' }));
    await waitFor(() => assert.equal(dashboardShown(), true));
    assert.deepEqual(applied, [{ monitors: { docker: true, gpu: true, models: true, http: true }, notifications: { desktop: true, webhook: null }, startAtLogin: false }]);
  });

  it('a webhook kind without a URL is asked for before anything is written', async () => {
    const { applied } = show();
    await waitFor(() => assert.equal(welcomeShown(), true));
    fireEvent.change(within(card('Notifications')).getByRole('combobox', { name: 'Also send to' }), { target: { value: 'slack' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start monitoring' }));
    await waitFor(() => assert.equal(screen.queryByText('Enter the webhook URL, or choose "Nothing else".') !== null, true));
    assert.deepEqual(applied, []);
  });

  it('a refused choice says why and stays on the welcome view', async () => {
    show({
      'setup.apply': () => {
        throw new ApiCallError('refused', 'A Slack webhook URL is https://.');
      },
    });
    await waitFor(() => assert.equal(welcomeShown(), true));
    fireEvent.click(screen.getByRole('button', { name: 'Start monitoring' }));
    await waitFor(() => assert.equal(screen.queryByText('A Slack webhook URL is https://.') !== null, true));
    assert.equal(welcomeShown(), true);
    assert.equal((screen.getByRole('button', { name: 'Start monitoring' }) as HTMLButtonElement).disabled, false);
  });

  it('when looking again fails, "Start with defaults" still writes a config', async () => {
    let calls = 0;
    const { applied } = show({
      'setup.detect': () => {
        if (calls++ === 0) return detection();
        throw new ApiCallError('internal', 'setup.detect failed: EACCES /var/run/docker.sock');
      },
    });
    await waitFor(() => assert.equal(welcomeShown(), true));
    fireEvent.click(screen.getByRole('button', { name: 'Look again' }));
    await waitFor(() => assert.equal(screen.queryByText('Opsbar could not look at this host') !== null, true));
    fireEvent.click(screen.getByRole('button', { name: 'Start with defaults' }));
    await waitFor(() => assert.equal(dashboardShown(), true));
    assert.equal(applied.length, 1);
  });

  it('says what is missing and why, its switch off', async () => {
    show({
      'setup.detect': () =>
        detection({ docker: { found: false, endpoint: null, kind: 'unknown', detail: 'No Docker socket found (looked at /var/run/docker.sock).', containers: 0 }, modelServers: [] }),
    });
    await waitFor(() => assert.equal(welcomeShown(), true));
    assert.ok(within(card('Docker')).getByText('Docker: not found — No Docker socket found (looked at /var/run/docker.sock)'));
    assert.equal((within(card('Docker')).getByRole('checkbox', { name: 'Watch Docker containers' }) as HTMLInputElement).checked, false);
    assert.ok(within(card('Model servers')).getByText('Model servers: none answered on the usual ports'));
    assert.equal((within(card('Model servers')).getByRole('checkbox', { name: 'Watch model servers' }) as HTMLInputElement).checked, false);
  });

  it('hides start at login where it cannot be set', async () => {
    show({ 'setup.detect': () => detection({ startAtLoginSupported: false }) });
    await waitFor(() => assert.equal(welcomeShown(), true));
    assert.equal(screen.queryByRole('checkbox', { name: 'Start Opsbar when I log in' }), null);
  });
});

describe('no welcome view', () => {
  it('once set up, the dashboard stays', async () => {
    const { transport } = show({ 'setup.detect': () => detection({ firstRun: false }) });
    await waitFor(() => assert.equal(transport.calls.some((c) => c.method === 'setup.detect'), true));
    await waitFor(() => assert.equal(dashboardShown(), true));
    assert.equal(welcomeShown(), false);
  });

  it('a core that does not answer setup.detect shows the dashboard at once', async () => {
    const transport = createFakeTransport();
    renderApp(transport);
    assert.equal(dashboardShown(), true, 'not held back while asking');
    await waitFor(() => assert.equal(transport.calls.some((c) => c.method === 'setup.detect'), true));
    assert.equal(dashboardShown(), true);
    assert.equal(welcomeShown(), false);
  });
});
