/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SettingsProposal } from '../../shared/api/contract/settings';
import type { SettingsView } from '../../shared/config/settingsSchema';
import type { DiagnosticsBundle } from '../../shared/types/diagnostics';
import { settingsSchemaView } from '../../electron/core/config/settingsSchemaView';
import { diagnosticsFileName } from '../../renderer/src/components/settings/DiagnosticsButton';
import { fieldDomId, fieldErrorsOf } from '../../renderer/src/components/settings/settingsErrors';
import { editableValue, type JsonSchemaNode } from '../../renderer/src/components/settings/settingsFieldModel';
import { ApiCallError } from '../../renderer/src/transport';
import { createFakeTransport, type FakeHandlers } from './fakeTransport';
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

// ------------------------------------------------------------ the schema-driven forms

// The real schema the core serves (test files may import the core; the bundle may not).
const SCHEMA = settingsSchemaView();

function settingsTransport(handlers: FakeHandlers = {}, view: () => SettingsView = settingsView) {
  return createFakeTransport({ 'status.get': () => statusSnapshot(), 'settings.get': view, 'settings.schema': () => settingsSchemaView(), ...handlers });
}

async function page() {
  await waitFor(() => assert.ok(document.querySelector('.settings-section')));
  return within(document.querySelector('.settings-page') as HTMLElement);
}

/** A section's toggle: its title, then its problem count if any. */
const sectionToggle = (title: string) => new RegExp(`^${title}( \\d.*)?$`);

async function openSection(title: string) {
  const view = await page();
  const toggle = view.getByRole('button', { name: sectionToggle(title) });
  if (toggle.getAttribute('aria-expanded') !== 'true') fireEvent.click(toggle);
  return within(view.getByRole('form', { name: `${title} settings` }));
}

const field = (path: string) => document.getElementById(fieldDomId(path)) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

describe('Settings page: every section as a form from the schema', () => {
  it('renders every section of the schema, each field of an opened one with its help, unit and bounds', async () => {
    renderApp(settingsTransport(), 'settings');
    const view = await page();
    for (const section of SCHEMA.sections) {
      if (section.id === 'notifications') assert.ok(view.getByRole('region', { name: 'Notifications' }));
      else assert.ok(view.getByRole('button', { name: sectionToggle(section.title) }), section.title);
    }
    for (const section of SCHEMA.sections.filter((s) => s.id !== 'notifications')) await openSection(section.title);
    const interval = field('monitoring.systemIntervalMs') as HTMLInputElement;
    assert.equal(interval.type, 'number');
    assert.equal(interval.value, '2000');
    assert.equal(interval.min, '500');
    assert.equal(interval.parentElement?.textContent?.includes('ms'), true);
    assert.match(document.getElementById(`${fieldDomId('monitoring.systemIntervalMs')}-help`)?.textContent ?? '', /CPU, memory and disks/);
    assert.equal((field('docker.enabled') as HTMLInputElement).type, 'checkbox');
    assert.equal(field('alerts.rules').tagName, 'TEXTAREA');
    assert.equal(field('gpu.perGpu').tagName, 'TEXTAREA');
    assert.equal(field('models.endpoints').tagName, 'TEXTAREA');
    assert.equal(field('models.detectPorts').value, '8080\n11434\n1234\n8000');
    assert.equal(field('runbooks.maintenanceWindow.cron').value, '0 2 * * 0');
    // Durations are edited as text: the core's 15 minutes in ms would read as seconds in a patch.
    assert.equal(field('emergency.planTtl').value, '15m');
    assert.equal(field('http.checks').tagName, 'TEXTAREA');
    assert.equal(field('app.startAtLogin').getAttribute('type'), 'checkbox');
    // The connection fields are edited once, in "Connections and programs".
    assert.equal(field('docker.endpoint'), null);
  });

  it('a number edit saves only that field of its section with settings.update', async () => {
    const saved = settingsView();
    saved.settings.monitoring.systemIntervalMs = 5000;
    const transport = settingsTransport({ 'settings.update': () => saved });
    renderApp(transport, 'settings');
    const form = await openSection('Monitoring');
    fireEvent.change(field('monitoring.systemIntervalMs'), { target: { value: '5000' } });
    fireEvent.click(form.getByRole('button', { name: 'Save Monitoring' }));
    await waitFor(() => assert.ok(form.getByText('Saved.')));
    assert.deepEqual(transport.calls.find((c) => c.method === 'settings.update')?.payload, { monitoring: { systemIntervalMs: 5000 } });
    assert.equal(field('monitoring.systemIntervalMs').value, '5000');
  });

  it("the core's refusal is shown at the field it names; text in a number field never leaves the page", async () => {
    const transport = settingsTransport({
      'settings.update': () => {
        throw new ApiCallError('bad_request', 'Invalid payload for settings.update: runbooks.maintenanceWindow.minutes: Too small: expected number to be >=1; runbooks.catchUpMinutes: Too big');
      },
    });
    renderApp(transport, 'settings');
    const form = await openSection('Runbooks');
    fireEvent.change(field('runbooks.maintenanceWindow.minutes'), { target: { value: '0' } });
    fireEvent.click(form.getByRole('button', { name: 'Save Runbooks' }));
    await waitFor(() => assert.match(document.getElementById(`${fieldDomId('runbooks.maintenanceWindow.minutes')}-errors`)?.textContent ?? '', /Too small: expected number to be >=1/));
    assert.match(document.getElementById(`${fieldDomId('runbooks.catchUpMinutes')}-errors`)?.textContent ?? '', /Too big/);
    // The window is a nested object: the core replaces it whole, so it is sent whole.
    assert.deepEqual(transport.calls.find((c) => c.method === 'settings.update')?.payload, { runbooks: { maintenanceWindow: { cron: '0 2 * * 0', minutes: 0, silenceNonCritical: true } } });

    const updates = () => transport.calls.filter((c) => c.method === 'settings.update').length;
    const before = updates();
    fireEvent.change(field('runbooks.catchUpMinutes'), { target: { value: 'soon' } });
    fireEvent.click(form.getByRole('button', { name: 'Save Runbooks' }));
    await waitFor(() => assert.match(document.getElementById(`${fieldDomId('runbooks.catchUpMinutes')}-errors`)?.textContent ?? '', /Enter a number/));
    assert.equal(updates(), before);
  });

  it('a guarded field (http.checks) goes through settings.propose and the confirmation dialog, never settings.update', async () => {
    const checks = [{ name: 'api', url: 'https://api.example.org/health' }];
    const proposal: SettingsProposal = { changeId: 'c-9', expiresAt: 0, changes: [{ path: 'http.checks', from: [], to: checks, why: SCHEMA.guarded['http.checks'], guarded: true }] };
    const transport = settingsTransport({ 'settings.propose': () => proposal, 'settings.confirm': () => settingsView() });
    renderApp(transport, 'settings');
    const form = await openSection('HTTP checks');
    assert.match(form.getByText(/Asks for confirmation/).textContent ?? '', /requests these URLs/);
    fireEvent.change(field('http.checks'), { target: { value: JSON.stringify(checks) } });
    fireEvent.click(form.getByRole('button', { name: 'Save HTTP checks' }));
    await waitFor(() => assert.ok(document.querySelector('[role="dialog"]')?.textContent?.includes('Change what Opsbar connects to or runs?')));
    assert.deepEqual(transport.calls.find((c) => c.method === 'settings.propose')?.payload, { patch: { http: { checks } } });
    fireEvent.click(within(document.querySelector('[role="dialog"]') as HTMLElement).getByText('Apply change'));
    await waitFor(() => assert.equal(document.querySelector('[role="dialog"]'), null));
    assert.equal(transport.calls.some((c) => c.method === 'settings.update'), false);
  });

  it('broken JSON is refused at its field; a duration is sent as the text typed', async () => {
    const transport = settingsTransport({ 'settings.update': () => settingsView() });
    renderApp(transport, 'settings');
    const form = await openSection('Emergency');
    fireEvent.change(field('emergency.planTtl'), { target: { value: '20m' } });
    fireEvent.click(form.getByRole('button', { name: 'Save Emergency' }));
    await waitFor(() => assert.ok(transport.calls.some((c) => c.method === 'settings.update')));
    assert.deepEqual(transport.calls.find((c) => c.method === 'settings.update')?.payload, { emergency: { planTtl: '20m' } });
    const models = await openSection('Models');
    fireEvent.change(field('models.targets'), { target: { value: '{ "llama": ' } });
    fireEvent.click(models.getByRole('button', { name: 'Save Models' }));
    await waitFor(() => assert.match(document.getElementById(`${fieldDomId('models.targets')}-errors`)?.textContent ?? '', /Not valid JSON/));
    assert.equal(transport.calls.filter((c) => c.method === 'settings.update').length, 1);
  });

  it("the file's problems open their section, show at the field, and link to it", async () => {
    const withProblem = () => {
      const view = settingsView();
      view.problems = [{ path: 'monitoring.systemIntervalMs', message: 'Invalid input: expected number, received string; the "monitoring" section uses its defaults.' }];
      return view;
    };
    renderApp(settingsTransport({}, withProblem), 'settings');
    const view = await page();
    const problems = within(view.getByRole('list', { name: 'Config problems' }));
    // The section with the problem starts open.
    await waitFor(() => assert.ok(field('monitoring.systemIntervalMs')));
    assert.match(document.getElementById(`${fieldDomId('monitoring.systemIntervalMs')}-errors`)?.textContent ?? '', /In the file: Invalid input: expected number/);
    assert.equal(view.getByRole('button', { name: sectionToggle('Monitoring') }).textContent?.includes('1 problem'), true);
    fireEvent.click(view.getByRole('button', { name: sectionToggle('Monitoring') }));
    await waitFor(() => assert.equal(field('monitoring.systemIntervalMs'), null));
    fireEvent.click(problems.getByRole('button', { name: 'monitoring.systemIntervalMs' }));
    await waitFor(() => assert.equal(document.activeElement, field('monitoring.systemIntervalMs')));
  });

  it('"Download diagnostics" saves the bundle as opsbar-diagnostics-<host>-<date>.json through a Blob link', async () => {
    const bundle = { createdAt: Date.UTC(2026, 11, 2, 13, 0), status: { system: { hostname: 'gpu box/1' } }, settings: { notifications: { webhooks: [{ url: '[redacted]' }] } } } as unknown as DiagnosticsBundle;
    const blobs: Blob[] = [];
    const downloads: string[] = [];
    const originalCreate = URL.createObjectURL;
    const originalRevoke = URL.revokeObjectURL;
    URL.createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return 'blob:opsbar/1';
    };
    URL.revokeObjectURL = () => {};
    const onClick = (event: Event) => {
      const link = event.target as HTMLAnchorElement;
      if (link.tagName === 'A' && link.download) {
        downloads.push(link.download);
        event.preventDefault();
      }
    };
    document.addEventListener('click', onClick, true);
    try {
      const transport = settingsTransport({ 'diagnostics.bundle': () => bundle });
      renderApp(transport, 'settings');
      const view = await page();
      fireEvent.click(view.getByRole('button', { name: 'Download diagnostics' }));
      await waitFor(() => assert.deepEqual(downloads, ['opsbar-diagnostics-gpu-box-1-2026-12-02.json']));
      assert.deepEqual(JSON.parse(await blobs[0].text()), bundle);
      assert.equal(blobs[0].type, 'application/json');
      assert.equal(diagnosticsFileName({ ...bundle, status: null }), 'opsbar-diagnostics-host-2026-12-02.json');
    } finally {
      document.removeEventListener('click', onClick, true);
      URL.createObjectURL = originalCreate;
      URL.revokeObjectURL = originalRevoke;
    }
  });
});

describe('Settings page: reading the core', () => {
  it("parses the core's field paths out of a refusal", () => {
    assert.deepEqual(fieldErrorsOf('Invalid payload for settings.update: monitoring.systemIntervalMs: Too small: expected number to be >=500; patch.http.checks.0.url: A check URL is an http:// or https:// URL'), [
      { path: 'monitoring.systemIntervalMs', message: 'Too small: expected number to be >=500' },
      { path: 'http.checks.0.url', message: 'A check URL is an http:// or https:// URL' },
    ]);
    assert.deepEqual(fieldErrorsOf('docker.endpoint changes where Opsbar connects: confirm it'), [{ path: '', message: 'docker.endpoint changes where Opsbar connects: confirm it' }]);
  });
});

describe('Settings page: durations inside JSON editors', () => {
  it('are shown as text, so a saved rule keeps its meaning (the core reads a bare number as seconds)', () => {
    const alerts = SCHEMA.sections.find((s) => s.id === 'alerts')?.schema as JsonSchemaNode;
    const rules = { 'cpu.high': { for: 120_000, severity: 'critical' } };
    assert.deepEqual(editableValue({ rules, incidentJoinWindow: 600_000 }, alerts), { rules: { 'cpu.high': { for: '2m', severity: 'critical' } }, incidentJoinWindow: '10m' });
  });
});
