/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, screen, within } from '@testing-library/react';
import { alertsSnapshot, alertView, auditRecord, channelView, incidentDetail, incidentSummary } from './alertFixtures';
import { createFakeTransport } from './fakeTransport';
import { renderApp } from './renderApp';

afterEach(cleanup);

const HOSTILE = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';

function assertNothingInjected(): void {
  assert.ok(document.querySelector('img') === null, 'an <img> element was created from untrusted text');
  assert.ok(document.querySelector('script') === null, 'a <script> element was created from untrusted text');
}

describe('untrusted text in alerts, incidents, audit rows and channels', () => {
  it('renders hostile incident titles, timeline text, alert labels and runbook titles literally', async () => {
    const detail = incidentDetail({ title: HOSTILE });
    detail.timeline.push({ id: 9, at: Date.now(), type: 'note', text: SCRIPT, actor: HOSTILE, details: {} });
    detail.alerts[0].label = `Container ${HOSTILE}`;
    detail.runbooks = [{ id: 'x"><img src=x>', title: SCRIPT }];
    renderApp(createFakeTransport({ 'incidents.list': () => [incidentSummary({ title: HOSTILE })], 'incidents.get': () => detail }), 'incidents/7');
    assert.ok(await screen.findByRole('heading', { name: HOSTILE }));
    assert.ok(within(screen.getByRole('list', { name: 'Incidents list' })).getByText(HOSTILE));
    assert.ok(screen.getByText(SCRIPT));
    assert.ok(screen.getByText(`Container ${HOSTILE}`));
    assert.equal(screen.getByRole('link', { name: `Runbook: ${SCRIPT}` }).getAttribute('href'), `#/runbooks/${encodeURIComponent('x"><img src=x>')}`);
    assertNothingInjected();
  });

  it('renders hostile alert labels, silence reasons, audit targets and details, and channel names literally', async () => {
    renderApp(createFakeTransport({ 'alerts.list': () => alertsSnapshot([alertView({ label: HOSTILE, summary: SCRIPT, silence: { id: 1, until: Date.now() + 3_600_000, reason: HOSTILE } })]) }));
    const card = await screen.findByRole('region', { name: 'Firing alerts' });
    assert.ok(await within(card).findByText(HOSTILE));
    assert.ok(within(card).getByText(SCRIPT));
    assert.match(card.textContent ?? '', new RegExp(`\\(${HOSTILE.replace(/[()]/g, '\\$&')}\\)`));
    assertNothingInjected();
    cleanup();

    renderApp(createFakeTransport({ 'audit.list': () => [auditRecord(1, { target: HOSTILE, actor: SCRIPT, details: { text: HOSTILE } })] }), 'audit');
    assert.ok(await screen.findByText(HOSTILE));
    assert.ok(screen.getByText(SCRIPT));
    assert.match(document.querySelector('.audit-details')?.textContent ?? '', /<img src=x onerror=alert\(1\)>/);
    assertNothingInjected();
    cleanup();

    renderApp(createFakeTransport({ 'notifications.channels': () => [channelView({ name: HOSTILE, target: SCRIPT })] }), 'settings');
    assert.ok(await screen.findByText(HOSTILE));
    assert.ok(screen.getByText(SCRIPT));
    assertNothingInjected();
  });
});
