/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiCallError } from '../../renderer/src/transport';
import { createFakeTransport } from './fakeTransport';
import { HASH, run } from './runbookFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const categories = () => screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);

async function openLibrary(transport = createFakeTransport()) {
  renderApp(transport, 'runbooks');
  await screen.findByRole('searchbox', { name: 'Search runbooks' });
  return transport;
}

describe('Runbooks library', () => {
  it('is a page in the nav and groups runbooks by category with their facts', async () => {
    await openLibrary();
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    assert.equal(within(nav).getByRole('link', { name: 'Runbooks' }).getAttribute('aria-current'), 'page');
    assert.deepEqual(categories().slice(0, 4), ['daily', 'incident', 'emergency', 'maintenance']);

    const daily = within(screen.getByRole('region', { name: 'Category daily' }));
    const entry = daily.getByRole('button', { name: /Docker answers/ });
    assert.match(entry.textContent ?? '', /Info/);
    assert.match(entry.textContent ?? '', /~1 min/);
    assert.match(entry.textContent ?? '', /daily at 08:00/);
    assert.match(entry.textContent ?? '', /✓ valid/);
    assert.doesNotMatch(entry.textContent ?? '', /needs an operator/);

    const incident = screen.getByRole('button', { name: /Disk almost full/ });
    assert.match(incident.textContent ?? '', /Critical/);
    assert.match(incident.textContent ?? '', /needs an operator/);
    assert.match(screen.getByRole('button', { name: /GPU hang/ }).textContent ?? '', /Emergency/);
    // Not simple enough for words: the cron as written.
    assert.match(screen.getByRole('button', { name: /Prune images/ }).textContent ?? '', /5 4 1-7 \* 0/);
  });

  it('lists invalid files apart with each problem as file:line message', async () => {
    await openLibrary();
    const invalid = within(screen.getByRole('region', { name: 'Invalid runbooks' }));
    assert.ok(invalid.getByText('broken-one'));
    assert.ok(invalid.getByText('/home/op/runbooks/broken.md:3'));
    assert.ok(invalid.getByText('unknown key "sevrity"', { exact: false }));
    assert.ok(invalid.getByText('/home/op/runbooks/broken.md:17'));
    assert.equal(screen.queryByRole('button', { name: /broken-one/ }), null);
  });

  it('searches title, id, description and triggers', async () => {
    await openLibrary();
    const search = screen.getByRole('searchbox', { name: 'Search runbooks' });
    const titles = () => screen.queryAllByRole('button', { name: /./ }).filter((b) => b.classList.contains('runbook-item-button')).map((b) => b.querySelector('.runbook-title')?.textContent);
    fireEvent.change(search, { target: { value: 'disk.free' } });
    assert.deepEqual(titles(), ['Disk almost full']);
    fireEvent.change(search, { target: { value: 'gpu-hang' } });
    assert.deepEqual(titles(), ['GPU hang']);
    fireEvent.change(search, { target: { value: 'ENGINE answers' } });
    assert.deepEqual(titles(), ['Docker answers']);
    fireEvent.change(search, { target: { value: 'prune' } });
    assert.deepEqual(titles(), ['Prune images']);
    fireEvent.change(search, { target: { value: 'zzz' } });
    assert.ok(screen.getByText(/No runbook matches/));
  });

  it('shows a selected runbook: intro, steps as code with kind and attributes, expected output beside', async () => {
    const transport = await openLibrary();
    fireEvent.click(screen.getByRole('button', { name: /Docker answers/ }));
    const detail = within(await screen.findByRole('article', { name: 'Runbook Docker answers' }));
    assert.deepEqual(transport.calls.filter((c) => c.method === 'runbooks.get').map((c) => c.payload), [{ id: 'docker-answers' }]);
    assert.equal(detail.getByText('engine').tagName, 'STRONG');
    assert.equal(detail.getByRole('link', { name: 'the Docker docs' }).getAttribute('target'), '_blank');

    const step1 = within(detail.getByRole('listitem', { name: 'Step 1: Engine responds' }));
    assert.equal(step1.getByLabelText('shell block').textContent, "docker version --format '{{.Server.Version}}'");
    assert.ok(step1.getByText('timeout 15 s'));
    assert.ok(step1.getByText('on failure: stop'));
    assert.ok(step1.getByText('expect-output=^[0-9]+\\.'));
    assert.ok(step1.getByText('Expected output'));
    assert.ok(step1.getByText('24.0.7'));

    const step2 = within(detail.getByRole('listitem', { name: 'Step 2: Prune dangling images' }));
    assert.ok(step2.getByText('confirm: Deletes dangling images'));
    assert.ok(step2.getByText('on failure: go to engine-responds'));
    const step3 = within(detail.getByRole('listitem', { name: 'Step 3: Look at the fans' }));
    assert.ok(step3.getByText('manual'));
    assert.ok(step3.getByText('on failure: runbook gpu-hang'));
    assert.equal(window.location.hash, '#/runbooks?id=docker-answers');
  });

  it('builds the params form from the declarations and starts a guided run with the right payload', async () => {
    const transport = createFakeTransport({ 'runbooks.start': () => run({ id: 77 }) });
    renderApp(transport, 'runbooks?id=docker-answers');
    const form = within(await screen.findByRole('form', { name: 'Start a run' }));
    const stack = form.getByLabelText(/STACK/) as HTMLInputElement;
    const mode = form.getByLabelText(/MODE/) as HTMLSelectElement;
    const prune = form.getByLabelText(/PRUNE/) as HTMLInputElement;
    const keep = form.getByLabelText(/KEEP/) as HTMLInputElement;
    assert.equal(mode.tagName, 'SELECT');
    assert.deepEqual([...mode.options].map((o) => o.value), ['quick', 'full']);
    assert.equal(prune.type, 'checkbox');
    assert.ok(form.getByText(/Compose project to look at · pattern \[a-z0-9-\]\*/));
    assert.ok(form.getByText(/required/, { selector: '.param-hint' }));

    fireEvent.change(stack, { target: { value: 'Bad Name' } });
    assert.ok(form.getByText(/must match/));
    fireEvent.change(stack, { target: { value: 'llm' } });
    fireEvent.change(mode, { target: { value: 'full' } });
    fireEvent.click(prune);
    fireEvent.change(keep, { target: { value: '3' } });
    fireEvent.click(form.getByRole('button', { name: 'Start guided run' }));
    await waitFor(() => assert.equal(window.location.hash, '#/runbooks/run/77'));
    const start = transport.calls.find((c) => c.method === 'runbooks.start');
    assert.deepEqual(start?.payload, { id: 'docker-answers', hash: HASH, params: { STACK: 'llm', MODE: 'full', PRUNE: 'true', KEEP: '3' }, mode: 'guided' });
    await screen.findByRole('region', { name: 'Run summary' });
  });

  it('"Run all" starts in auto mode with the defaults; a refusal is shown, not swallowed', async () => {
    const transport = createFakeTransport({
      'runbooks.start': () => {
        throw new ApiCallError('refused', 'The runbook file changed since it was shown: reload it.');
      },
    });
    renderApp(transport, 'runbooks?id=docker-answers');
    fireEvent.click(await screen.findByRole('button', { name: 'Run all' }));
    assert.ok(await screen.findByText('The runbook file changed since it was shown: reload it.'));
    const start = transport.calls.find((c) => c.method === 'runbooks.start');
    assert.deepEqual(start?.payload, { id: 'docker-answers', hash: HASH, params: { STACK: '', MODE: 'quick', PRUNE: 'false' }, mode: 'auto' });
    await act(async () => {});
  });
});
