/** @jsxRuntime automatic */
// The Health checks page on a fake transport: the table of checks (state, status, latency, "2 of 3",
// the detail and the wrong body), the empty state with its config snippet, and "Add" going through
// the guarded settings change (propose → confirm) with the stored list plus the new check.
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SettingsProposal } from '../../shared/api/contract/settings';
import type { HttpCheckSuggestion, HttpCheckView, HttpSnapshot } from '../../shared/types/http';
import type { StatusSnapshot } from '../../shared/types/status';
import { OpsbarContext } from '../../renderer/src/hooks/opsbarContext';
import type { ApiCallState } from '../../renderer/src/hooks/useApiCall';
import { HttpChecksPage } from '../../renderer/src/pages/HttpChecksPage';
import { createFakeTransport, type FakeHandlers } from './fakeTransport';
import { NOW, settingsView, statusSnapshot } from './fixtures';

afterEach(cleanup);

function view(name: string, overrides: Partial<HttpCheckView> = {}): HttpCheckView {
  return {
    name,
    url: `http://127.0.0.1:8080/${name}`,
    expectStatus: 200,
    last: { at: NOW, outcome: 'up', status: 200, latencyMs: 4.2, detail: 'answered 200', bodyStart: null },
    consecutiveFailures: 0,
    failuresBeforeAlert: 3,
    down: false,
    since: NOW - 60_000,
    severity: 'ok',
    ...overrides,
  };
}

const SUGGESTION: HttpCheckSuggestion = { name: 'demo-api 8080', url: 'http://127.0.0.1:8080/health', expectStatus: 200, reason: 'container demo-api publishes 8080 and answers /health with 200', configured: false };

function show(http: HttpSnapshot, handlers: FakeHandlers = {}) {
  const transport = createFakeTransport({ 'http.suggestions': () => [SUGGESTION], ...handlers });
  let reloads = 0;
  const status: ApiCallState<StatusSnapshot> = { data: statusSnapshot({ http }), error: null, loading: false, reload: () => reloads++, setData: () => undefined };
  render(
    <OpsbarContext.Provider value={transport}>
      <HttpChecksPage status={status} navigate={() => undefined} />
    </OpsbarContext.Provider>,
  );
  return { transport, reloads: () => reloads };
}

describe('Health checks page', () => {
  it('lists each check: state, last status, latency, failures "2 of 3", the detail and the first bytes of a wrong body; a latency sparkline each', async () => {
    const { transport } = show({
      at: NOW,
      checks: [
        view('api'),
        view('admin', {
          url: 'https://redacted:redacted@nas.local/admin?token=redacted',
          last: { at: NOW, outcome: 'wrong-answer', status: 503, latencyMs: 12, detail: 'answered 503, expected 200', bodyStart: 'maintenance back soon' },
          consecutiveFailures: 2,
          severity: 'warning',
        }),
        view('gone', { last: { at: NOW, outcome: 'unreachable', status: null, latencyMs: null, detail: 'connection refused: nothing listens there (127.0.0.1:9, ECONNREFUSED)', bodyStart: null }, consecutiveFailures: 3, down: true, severity: 'critical' }),
      ],
    });
    const table = screen.getByRole('table', { name: 'Health checks' });
    const row = (name: string) => table.querySelector(`tr[data-check="${name}"]`) as HTMLElement;
    assert.ok(within(row('api')).getByText('Up'));
    assert.ok(within(row('api')).getByText('4.2 ms'));
    assert.ok(within(row('admin')).getByText('Failing'));
    assert.ok(within(row('admin')).getByText('2 of 3'));
    assert.ok(within(row('admin')).getByText('503'));
    assert.ok(within(row('admin')).getByText('maintenance back soon'));
    assert.ok(within(row('admin')).getByText('https://redacted:redacted@nas.local/admin?token=redacted'));
    assert.ok(within(row('gone')).getByText('Down'));
    assert.ok(within(row('gone')).getByText('3 of 3'));
    assert.ok(within(row('gone')).getByText(/ECONNREFUSED/));
    assert.ok(screen.getByText(/2 of 3 up/));
    await waitFor(() => assert.equal(transport.calls.filter((c) => c.method === 'history.query').length, 3));
    assert.deepEqual(
      transport.calls.filter((c) => c.method === 'history.query').map((c) => (c.payload as { series: string }).series).sort(),
      ['http.latencyMs:admin', 'http.latencyMs:api', 'http.latencyMs:gone'],
    );
  });

  it('without checks: explains how to add one (config snippet) and lists the suggestions', async () => {
    show({ at: NOW, checks: [] });
    assert.ok(screen.getByText('No health checks yet'));
    assert.ok(screen.getByText(/failuresBeforeAlert: 3/));
    assert.ok(await screen.findByText('demo-api 8080'));
    assert.ok(screen.getByText('container demo-api publishes 8080 and answers /health with 200'));
  });

  it('with http.enabled false it says the checks are turned off', async () => {
    const off = settingsView();
    off.settings.http.enabled = false;
    show({ at: NOW, checks: [] }, { 'settings.get': () => off });
    assert.ok(await screen.findByText('Health checks are turned off'));
  });

  it('"Add" proposes the stored checks plus the new one and applies it only when confirmed', async () => {
    const stored = settingsView();
    stored.settings.http.checks = [{ name: 'api', url: 'http://127.0.0.1:8080/api', expectStatus: 200, timeoutMs: 5000, intervalMs: 30000, failuresBeforeAlert: 3 }];
    const proposal: SettingsProposal = { changeId: 'h-1', expiresAt: 0, changes: [{ path: 'http.checks', from: [], to: [], why: 'Opsbar requests these URLs on a schedule.', guarded: true }] };
    const { transport, reloads } = show({ at: NOW, checks: [view('api')] }, { 'settings.get': () => stored, 'settings.propose': () => proposal, 'settings.confirm': () => stored });
    await waitFor(() => assert.ok(transport.calls.some((c) => c.method === 'settings.get')));
    fireEvent.click(await screen.findByRole('button', { name: 'Add check demo-api 8080' }));
    assert.ok(await screen.findByText('Change what Opsbar connects to or runs?'));
    const proposed = transport.calls.find((c) => c.method === 'settings.propose')?.payload as { patch: { http: { checks: { name: string; url: string }[] } } };
    assert.deepEqual(
      proposed.patch.http.checks.map((c) => [c.name, c.url]),
      [
        ['api', 'http://127.0.0.1:8080/api'],
        ['demo-api 8080', 'http://127.0.0.1:8080/health'],
      ],
    );
    assert.equal(transport.calls.some((c) => c.method === 'settings.confirm'), false);
    fireEvent.click(screen.getByText('Apply change'));
    await waitFor(() => assert.equal(transport.calls.filter((c) => c.method === 'settings.confirm').length, 1));
    await waitFor(() => assert.equal(reloads() > 0, true));
    await waitFor(() => assert.equal(screen.queryByText('Change what Opsbar connects to or runs?') === null, true));
  });
});
