/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ActionPlan } from '../../shared/types/actions';
import { EXPIRED, NOTHING_TO_DO } from '../../renderer/src/components/emergency/ActionPlanPanel';
import { comparisonOf } from '../../renderer/src/components/emergency/VerifiedResult';
import { newerOutcome } from '../../renderer/src/hooks/useActionRun';
import { ApiCallError } from '../../renderer/src/transport';
import { diskPlan, outcome, planItem } from './emergencyFixtures';
import { renderEmergency } from './emergencyRender';
import { createFakeTransport, type FakeTransport } from './fakeTransport';

afterEach(cleanup);

const MB = 1_000_000;

function diskTransport(plans: ActionPlan[], extra: Parameters<typeof createFakeTransport>[0] = {}): FakeTransport {
  let n = 0;
  return createFakeTransport({
    'actions.plan': () => plans[Math.min(n++, plans.length - 1)],
    'disk.usage': () => ({ at: Date.now(), roots: [], growth: [], elapsedMs: 0 }),
    ...extra,
  });
}

const callsOf = (transport: FakeTransport, method: string) => transport.calls.filter((c) => c.method === method);

describe('Emergency plan view', () => {
  it('lists each item with its checkbox (the plan default), kind, name, size and reason; the total follows the ticks', async () => {
    const transport = diskTransport([diskPlan()]);
    renderEmergency(transport, 'emergency/disk');
    const table = await screen.findByRole('table', { name: 'Plan items' });
    assert.deepEqual(callsOf(transport, 'actions.plan')[0].payload, { action: 'disk', params: {} });
    const rows = within(table).getAllByRole('row').slice(1);
    assert.deepEqual(
      rows.map((row) => [...row.querySelectorAll('td')].slice(1).map((td) => td.textContent)),
      [
        ['Remove container', 'old-web', '200 MB', 'stopped 3 days ago'],
        ['Remove image', '<none> (sha256:dangling1)', '300 MB', 'dangling'],
        ['Truncate log', 'chatty', '1.20 GB', 'log 1.2 GB (over 100 MB)'],
        ['Remove image', 'nginx:1.24', '50.0 MB', 'unused for 40 days (opt-in)'],
      ],
    );
    const boxes = within(table).getAllByRole('checkbox') as HTMLInputElement[];
    assert.deepEqual(boxes.map((b) => b.checked), [true, true, true, false], 'opt-in kinds start unticked');
    const total = () => screen.getByText(/items ticked/).textContent ?? '';
    assert.match(total(), /^3 of 4 items ticked · predicted to free 1\.70 GB$/);
    fireEvent.click(boxes[2]);
    fireEvent.click(boxes[3]);
    assert.match(total(), /^3 of 4 items ticked · predicted to free 550 MB$/);
    fireEvent.click(screen.getByRole('button', { name: 'Untick all' }));
    assert.match(total(), /^0 of 4 items ticked/);
    assert.equal((screen.getByRole('button', { name: /^Confirm/ }) as HTMLButtonElement).disabled, true, 'nothing ticked: nothing to confirm');
    // The kept list says what stays and why; the notes are shown.
    const kept = screen.getByRole('region', { name: 'Kept' });
    assert.match(kept.textContent ?? '', /volume pgdata: named volume, never removed/);
    assert.ok(screen.getByText(/Docker reclaimable sizes are estimates/));
  });

  it('folds a long kept list to its count with a toggle', async () => {
    const kept = Array.from({ length: 30 }, (_, i) => ({ id: `volume:v${i}`, kind: 'volume', name: `v${i}`, reason: 'named volume, never removed' }));
    renderEmergency(diskTransport([diskPlan({ kept })]), 'emergency/disk');
    const region = await screen.findByRole('region', { name: 'Kept' });
    assert.match(region.textContent ?? '', /Kept \(30\)/);
    assert.equal(within(region).queryAllByRole('listitem').length, 0);
    fireEvent.click(within(region).getByRole('button', { name: 'Show all 30' }));
    assert.equal(within(region).getAllByRole('listitem').length, 30);
  });

  it('confirms only the ticked items, follows the live progress of its own plan, and shows the verified result', async () => {
    const plan = diskPlan();
    const confirmed = ['container:old-web', 'log:big'];
    const transport = diskTransport([plan], { 'actions.execute': (p) => outcome(plan, p.itemIds ?? []), 'actions.cancel': () => ({ cancelled: true }) });
    renderEmergency(transport, 'emergency/disk');
    const table = await screen.findByRole('table', { name: 'Plan items' });
    fireEvent.click(within(table).getByRole('checkbox', { name: 'Remove image <none> (sha256:dangling1)' }));
    fireEvent.click(screen.getByRole('button', { name: /^Confirm: free disk space \(2 items\)$/ }));
    const progress = await screen.findByRole('region', { name: 'Progress' });
    assert.deepEqual(callsOf(transport, 'actions.execute')[0].payload, { planId: plan.id, hash: plan.hash, confirm: true, itemIds: confirmed });
    assert.equal(screen.queryByRole('table', { name: 'Plan items' }), null, 'the ticks are what was confirmed');
    // Another plan's progress is not this one's.
    act(() => transport.emit({ type: 'action', outcome: { ...outcome(plan, confirmed), planId: 'plan-other-01', state: 'failed' } }));
    const running = outcome(plan, confirmed);
    running.items[0] = { id: 'container:old-web', outcome: 'done', detail: 'removed', bytes: 200 * MB, at: Date.now() };
    running.items[1] = { id: 'log:big', outcome: 'in-flight', detail: 'truncating', bytes: null, at: null };
    act(() => transport.emit({ type: 'action', outcome: running }));
    await waitFor(() => assert.ok(/Running: 1 of 2 items done/.test(progress.textContent ?? '')));
    assert.match(within(progress).getByRole('listitem', { name: 'old-web' }).textContent ?? '', /^doneRemove container old-webremoved \(200 MB\)$/);
    assert.match(within(progress).getByRole('listitem', { name: 'chatty' }).textContent ?? '', /in progress/);
    fireEvent.click(within(progress).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => assert.equal(callsOf(transport, 'actions.cancel').length, 1));
    assert.deepEqual(callsOf(transport, 'actions.cancel')[0].payload, { planId: plan.id });
    const done = outcome(plan, confirmed, {
      state: 'succeeded',
      finishedAt: Date.now(),
      items: [
        { id: 'container:old-web', outcome: 'done', detail: 'removed', bytes: 200 * MB, at: Date.now() },
        { id: 'log:big', outcome: 'skipped', detail: 'changed since the plan: the log path is now a symlink', bytes: null, at: Date.now() },
      ],
      verified: {
        passed: true,
        summary: 'Freed 180 MB on / (predicted 1.40 GB)',
        figures: { freeBytesBefore: 1_000 * MB, freeBytesAfter: 1_180 * MB, predictedBytes: 1_400 * MB },
        checks: [{ label: 'Free space measured', passed: true, detail: 'before 1.00 GB, after 1.18 GB' }],
      },
    });
    act(() => transport.emit({ type: 'action', outcome: done }));
    // A late "running" message never turns a finished run back.
    act(() => transport.emit({ type: 'action', outcome: running }));
    const result = await screen.findByRole('region', { name: 'Result' });
    assert.match(result.textContent ?? '', /SucceededFreed 180 MB on \/ \(predicted 1\.40 GB\)/);
    const bars = within(result).getByRole('table', { name: 'Predicted and measured' });
    assert.deepEqual(within(bars).getAllByRole('row').map((r) => r.textContent), ['Predicted1.40 GB', 'Freed (measured)180 MB']);
    assert.match(within(result).getByRole('list', { name: 'Checks' }).textContent ?? '', /✓ passed Free space measured/);
    assert.match(within(progress).getByRole('listitem', { name: 'chatty' }).textContent ?? '', /skippedTruncate log chattychanged since the plan/);
    assert.equal(within(progress).queryByRole('button', { name: 'Cancel' }), null);
  });

  it('shows refusals as an error that says what to do, with Confirm disabled', async () => {
    renderEmergency(diskTransport([diskPlan({ refusals: ['Docker is not reachable at /var/run/docker.sock: start Docker, then plan again.'] })]), 'emergency/disk');
    const alert = await screen.findByRole('alert');
    assert.match(alert.textContent ?? '', /This plan cannot run; nothing was touched\.Docker is not reachable at \/var\/run\/docker\.sock: start Docker, then plan again\./);
    assert.equal((screen.getByRole('button', { name: /^Confirm/ }) as HTMLButtonElement).disabled, true);
  });

  it('says an expired plan must be made again; "Plan again" shows a fresh plan', async () => {
    const fresh = diskPlan({ id: 'plan-disk-0002', items: [planItem('container:newer', { bytes: 10 * MB })] });
    const transport = diskTransport([diskPlan(), fresh], {
      'actions.execute': () => {
        throw new ApiCallError('refused', 'Plan plan-disk-0001 expired at 10:00: plan again.');
      },
    });
    renderEmergency(transport, 'emergency/disk');
    fireEvent.click(await screen.findByRole('button', { name: /^Confirm/ }));
    assert.equal((await screen.findByRole('alert')).textContent, EXPIRED);
    assert.equal((screen.getByRole('button', { name: /^Confirm/ }) as HTMLButtonElement).disabled, true);
    fireEvent.click(screen.getByRole('button', { name: 'Plan again' }));
    await waitFor(() => assert.ok(screen.queryByText(/plan plan-disk-0002/) !== null));
    assert.equal(screen.queryByRole('alert'), null);
    assert.equal(within(screen.getByRole('table', { name: 'Plan items' })).getAllByRole('checkbox').length, 1);
    // A plan past its expiry is not offered either, without asking the core.
    cleanup();
    renderEmergency(diskTransport([diskPlan({ expiresAt: Date.now() - 1 })]), 'emergency/disk');
    assert.equal((await screen.findByRole('alert')).textContent, EXPIRED);
  });

  it('says what an empty plan means, and shows why a plan could not be made, with a retry', async () => {
    renderEmergency(diskTransport([diskPlan({ items: [] })]), 'emergency/disk');
    assert.ok(await screen.findByText(NOTHING_TO_DO.disk));
    assert.equal(screen.queryByRole('button', { name: /^Confirm/ }), null);
    cleanup();
    let fail = true;
    const transport = diskTransport([], {
      'actions.plan': () => {
        if (fail) throw new ApiCallError('unavailable', 'Docker is not reachable at /var/run/docker.sock (connect ENOENT): start Docker, then plan again.');
        return diskPlan();
      },
    });
    renderEmergency(transport, 'emergency/gpu');
    const alert = await screen.findByRole('alert');
    assert.match(alert.textContent ?? '', /Could not make a plan; nothing was touched.*Docker is not reachable/);
    assert.deepEqual(callsOf(transport, 'actions.plan')[0].payload, { action: 'gpu', params: {} });
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    assert.ok(await screen.findByRole('table', { name: 'Plan items' }));
  });

  it('reads the run again after a reconnect (live messages in between are lost)', async () => {
    const plan = diskPlan({ items: [planItem('container:old-web', { bytes: null })] });
    const ids = ['container:old-web'];
    const finished = outcome(plan, ids, { state: 'succeeded', items: [{ id: ids[0], outcome: 'done', detail: 'removed', bytes: null, at: 1 }], verified: { passed: true, summary: 'Freed 1.00 MB on /', figures: {}, checks: [] } });
    const transport = diskTransport([plan], { 'actions.execute': () => outcome(plan, ids), 'actions.get': () => ({ plan, outcome: finished }) });
    renderEmergency(transport, 'emergency/disk');
    assert.match((await screen.findByText(/items? ticked/)).textContent ?? '', /^1 of 1 items ticked · predicted to free 0 B, plus 1 item whose size is not known before \(the result measures it\)$/);
    fireEvent.click(screen.getByRole('button', { name: /^Confirm: free disk space \(1 item\)$/ }));
    await screen.findByRole('region', { name: 'Progress' });
    assert.equal(callsOf(transport, 'actions.get').length, 0);
    act(() => transport.setConnection('reconnecting'));
    act(() => transport.setConnection('connected'));
    const result = await screen.findByRole('region', { name: 'Result' });
    assert.match(result.textContent ?? '', /SucceededFreed 1\.00 MB on \//);
    assert.deepEqual(callsOf(transport, 'actions.get')[0].payload, { planId: plan.id });
  });

  it('compares predicted with measured: bytes freed on disk, GPU memory released', () => {
    const plan = diskPlan();
    const verified = (figures: Record<string, number | null>) => ({ passed: true, summary: '', figures, checks: [] });
    assert.deepEqual(comparisonOf(outcome(plan, [], { verified: verified({ freeBytesBefore: 10, freeBytesAfter: 25, predictedBytes: 20 }) })), { predicted: 20, actual: 15, actualLabel: 'Freed (measured)' });
    assert.deepEqual(comparisonOf(outcome(plan, [], { action: 'gpu', verified: verified({ gpuMemoryBefore: 30, gpuMemoryAfter: 12, predictedBytes: 20 }) })), { predicted: 20, actual: 18, actualLabel: 'Released (measured)' });
    assert.equal(comparisonOf(outcome(plan, [], { action: 'rollback', verified: verified({}) })), null);
    assert.deepEqual(comparisonOf(outcome(plan, [], { verified: null })), { predicted: null, actual: null, actualLabel: 'Freed (measured)' });
  });

  it('never lets a running view replace a finished one, nor a run go backwards', () => {
    const plan = diskPlan();
    const ids = ['container:old-web', 'log:big'];
    const started = outcome(plan, ids);
    const oneDone = outcome(plan, ids, { items: [{ id: ids[0], outcome: 'done', detail: 'removed', bytes: 1, at: 1 }, { id: ids[1], outcome: 'pending', detail: '', bytes: null, at: null }] });
    const finished = outcome(plan, ids, { state: 'succeeded' });
    assert.equal(newerOutcome(null, started), started);
    assert.equal(newerOutcome(oneDone, started), oneDone);
    assert.equal(newerOutcome(started, oneDone), oneDone);
    assert.equal(newerOutcome(finished, oneDone), finished);
    assert.equal(newerOutcome(oneDone, finished), finished);
  });
});
