/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { container, dockerSnapshot, opsEvent, statusSnapshot } from './fixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const HOSTILE = '<img src=x onerror=alert(1)>';
const HOSTILE_IMAGE = 'evil/<script>alert(2)</script>:latest';

function hostileDocker() {
  const docker = dockerSnapshot();
  docker.stacks.push({
    name: HOSTILE,
    kind: 'compose',
    severity: 'warning',
    counts: { total: 1, running: 1, healthy: 0, unhealthy: 0 },
    containers: [container({ name: `${HOSTILE}-web-1`, service: HOSTILE, image: HOSTILE_IMAGE, severity: 'warning' })],
  });
  return docker;
}

function assertNothingInjected(): void {
  assert.equal(document.querySelector('img'), null, 'an <img> element was created from untrusted text');
  assert.equal(document.querySelector('script'), null, 'a <script> element was created from untrusted text');
}

describe('untrusted text from Docker', () => {
  it('renders hostile stack, container and image names literally on the Stacks page', async () => {
    renderApp(createFakeTransport({ 'docker.stacks': () => hostileDocker() }), 'stacks');
    await screen.findByRole('searchbox');
    assert.ok(screen.getByRole('heading', { level: 2, name: HOSTILE }));
    assert.ok(screen.getByText(`${HOSTILE}-web-1`));
    assert.ok(screen.getByText(HOSTILE_IMAGE, { exact: false }));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '<img' } });
    assert.deepEqual(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent), [HOSTILE]);
    assertNothingInjected();
  });

  it('renders hostile names in the overview, checks and events literally', async () => {
    const transport = createFakeTransport({
      'status.get': () =>
        statusSnapshot({
          docker: hostileDocker(),
          checks: [{ id: 'docker:x', label: `Stack ${HOSTILE}`, severity: 'warning', summary: HOSTILE }],
        }),
      'events.list': () => [opsEvent(1, { subject: HOSTILE, message: `container ${HOSTILE} died` })],
    });
    renderApp(transport);
    const stacks = await screen.findByRole('region', { name: 'Stacks' });
    assert.ok(within(stacks).getByRole('button', { name: HOSTILE }));
    assert.ok(screen.getByText(`Stack ${HOSTILE}`));
    assert.ok(await screen.findByText(`container ${HOSTILE} died`));
    await act(async () => transport.emit({ type: 'event', event: opsEvent(7, { at: Date.now(), subject: HOSTILE_IMAGE, message: HOSTILE }) }));
    assert.ok(screen.getByText(HOSTILE_IMAGE));
    assertNothingInjected();
  });
});
