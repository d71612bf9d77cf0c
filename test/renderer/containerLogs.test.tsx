/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import type { LogLine, LogSession } from '../../shared/types/logs';
import { ContainerLogs } from '../../renderer/src/components/logs/ContainerLogs';
import { OpsbarContext } from '../../renderer/src/hooks/opsbarContext';
import { ApiCallError } from '../../renderer/src/transport';
import { createFakeTransport, type FakeHandlers, type FakeTransport } from './fakeTransport';

afterEach(() => {
  cleanup();
  mock.timers.reset();
});

const AT = Date.UTC(2026, 11, 2, 10, 0, 0, 123);
const SESSION = 'session-0001';

function line(seq: number, text: string, stream: LogLine['stream'] = 'stdout'): LogLine {
  return { seq, stream, at: AT + seq, text };
}

function session(overrides: Partial<LogSession> = {}): LogSession {
  return { sessionId: SESSION, containerId: 'c'.repeat(64), containerName: 'rag-api-1', tty: false, following: true, lines: [line(1, 'starting up'), line(2, 'Traceback: database refused', 'stderr')], ...overrides };
}

function setup(overrides: FakeHandlers = {}) {
  const transport = createFakeTransport({ 'logs.open': () => session(), 'logs.close': () => ({ closed: true }), 'logs.keepAlive': () => ({ open: true }), ...overrides });
  const view = render(
    <OpsbarContext.Provider value={transport}>
      <ContainerLogs container="rag-api-1" />
    </OpsbarContext.Provider>,
  );
  const lines = () => [...view.container.querySelectorAll('.log-line')];
  const texts = () => lines().map((l) => l.querySelector('.log-text')?.textContent);
  return { transport, view, lines, texts };
}

function emitLines(transport: FakeTransport, lines: LogLine[], extra: { dropped?: number; ended?: boolean; reason?: string } = {}) {
  transport.emit({ type: 'log', chunk: { sessionId: SESSION, lines, dropped: extra.dropped ?? 0, ended: extra.ended ?? false, reason: extra.reason } });
}

describe('Container log view', () => {
  it('shows the last lines with their local time; stderr marked with a text marker, not colour alone', async () => {
    const { transport, lines, texts } = setup();
    await waitFor(() => assert.equal(lines().length, 2));
    assert.deepEqual(transport.calls.find((c) => c.method === 'logs.open')?.payload, { container: 'rag-api-1', tail: 500, follow: true });
    assert.deepEqual(texts(), ['starting up', 'Traceback: database refused']);
    const [out, err] = lines();
    assert.equal(out.querySelector('.log-marker'), null);
    assert.equal(err.querySelector('.log-marker')?.textContent, 'stderr');
    assert.ok(err.classList.contains('log-stderr'));
    const local = new Date(AT + 1);
    assert.match(out.querySelector('time')?.textContent ?? '', new RegExp(`^${String(local.getHours()).padStart(2, '0')}:00:00\\.124$`));
  });

  it('appends live lines of its own session only; search filters and counts; the stream filter', async () => {
    const { transport, view, lines, texts } = setup();
    await waitFor(() => assert.equal(lines().length, 2));
    await act(async () => {
      emitLines(transport, [line(3, 'GET /health 200'), line(4, 'database refused again', 'stderr')]);
      transport.emit({ type: 'log', chunk: { sessionId: 'someone-else', lines: [line(9, 'not mine')], dropped: 0, ended: false } });
    });
    assert.deepEqual(texts(), ['starting up', 'Traceback: database refused', 'GET /health 200', 'database refused again']);
    fireEvent.change(view.getByLabelText('Search the log'), { target: { value: 'REFUSED' } });
    assert.deepEqual(texts(), ['Traceback: database refused', 'database refused again']);
    assert.equal(view.getByText('2 matching lines').tagName, 'SPAN');
    assert.deepEqual([...view.container.querySelectorAll('mark')].map((m) => m.textContent), ['refused', 'refused']);
    fireEvent.change(view.getByLabelText('Search the log'), { target: { value: '' } });
    fireEvent.change(view.getByLabelText('Streams shown'), { target: { value: 'stdout' } });
    assert.deepEqual(texts(), ['starting up', 'GET /health 200']);
  });

  it('says how many lines were dropped, and why following stopped', async () => {
    const { transport, view, lines } = setup();
    await waitFor(() => assert.equal(lines().length, 2));
    await act(async () => emitLines(transport, [line(1_003, 'x')], { dropped: 1_000 }));
    await act(async () => emitLines(transport, [], { dropped: 234, ended: true, reason: 'the container stopped' }));
    assert.ok(view.getByText('1,234 lines dropped: the container prints faster than the view shows.'));
    assert.ok(view.getByText('Not following: the container stopped.'));
  });

  it('keeps at most 5,000 lines: the oldest go', async () => {
    const { transport, lines } = setup();
    await waitFor(() => assert.equal(lines().length, 2));
    for (let chunk = 0; chunk < 3; chunk++) {
      await act(async () => emitLines(transport, Array.from({ length: 2_000 }, (_, i) => line(3 + chunk * 2_000 + i, `n${3 + chunk * 2_000 + i}`))));
    }
    const shown = lines();
    assert.equal(shown.length, 5_000);
    assert.equal(shown[0].getAttribute('data-seq'), String(6_002 - 5_000 + 1));
    assert.equal(shown[4_999].getAttribute('data-seq'), '6002');
  });

  it('keeps the session alive every 20 s while shown, and closes it on unmount', async () => {
    mock.timers.enable({ apis: ['setInterval'] });
    const { transport, view, lines } = setup();
    await waitFor(() => assert.equal(lines().length, 2));
    const count = (method: string) => transport.calls.filter((c) => c.method === method).length;
    mock.timers.tick(20_000);
    mock.timers.tick(20_000);
    assert.equal(count('logs.keepAlive'), 2);
    assert.deepEqual(transport.calls.find((c) => c.method === 'logs.keepAlive')?.payload, { sessionId: SESSION });
    assert.equal(count('logs.close'), 0);
    view.unmount();
    assert.deepEqual(transport.calls.filter((c) => c.method === 'logs.close').map((c) => c.payload), [{ sessionId: SESSION }]);
    mock.timers.tick(60_000);
    assert.equal(count('logs.keepAlive'), 2);
  });

  it('Follow off closes the session and shows the log without following', async () => {
    const { transport, view, lines } = setup({ 'logs.open': (p) => session({ following: p.follow }) });
    await waitFor(() => assert.equal(lines().length, 2));
    fireEvent.click(view.getByRole('button', { name: 'Following' }));
    await waitFor(() => assert.equal(transport.calls.filter((c) => c.method === 'logs.close').length, 1));
    await waitFor(() => assert.ok(transport.calls.some((c) => c.method === 'logs.open' && (c.payload as { follow: boolean }).follow === false)));
    assert.equal(view.getByRole('button', { name: 'Follow' }).getAttribute('aria-pressed'), 'false');
  });

  it('an empty log says "No output yet"; a stopped container says there is nothing to follow', async () => {
    const { view, transport } = setup({ 'logs.open': () => session({ lines: [], following: false }) });
    await waitFor(() => assert.ok(view.queryByText('No output yet') !== null));
    assert.ok(view.getByText('Not following: the container is not running, so nothing new will come.'));
    // Nothing is followed, so the button does not say so; pressing it tries again (the container may be back).
    const button = view.getByRole('button', { name: 'Follow' });
    assert.equal(button.getAttribute('aria-pressed'), 'false');
    fireEvent.click(button);
    await waitFor(() => assert.equal(transport.calls.filter((c) => c.method === 'logs.open' && (c.payload as { follow: boolean }).follow).length, 2));
  });

  it('an error says what is wrong, and Retry opens again', async () => {
    let fail = true;
    const { view, lines } = setup({
      'logs.open': () => {
        if (fail) throw new ApiCallError('unavailable', 'Docker is not running: no socket found at /var/run/docker.sock. Start Docker Desktop, Colima or dockerd.');
        return session();
      },
    });
    await waitFor(() => assert.ok(view.queryByText(/Docker is not running: no socket found/) !== null));
    assert.ok(view.getByText('Could not open the log of rag-api-1'));
    fail = false;
    fireEvent.click(view.getByRole('button', { name: 'Retry' }));
    await waitFor(() => assert.equal(lines().length, 2));
  });
});
