/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import type { ChartData } from '../../renderer/src/components/charts/alignSeries';
import type { ChartFactory, ChartSpec } from '../../renderer/src/components/charts/chartFactory';
import { RangePicker, TIME_RANGES } from '../../renderer/src/components/charts/RangePicker';
import { ModelProbeChart, NO_PROBES } from '../../renderer/src/components/models/ModelProbeChart';
import { OpsbarContext } from '../../renderer/src/hooks/opsbarContext';
import type { ModelProbeRecord } from '../../shared/types/models';
import { createFakeTransport, type FakeTransport } from './fakeTransport';
import { modelHandlers, OLLAMA, probeRecord, storedProbes } from './modelFixtures';

afterEach(cleanup);

function recordingFactory() {
  const specs: ChartSpec[] = [];
  const data: ChartData[] = [];
  const factory: ChartFactory = (spec) => {
    specs.push(spec);
    data.push(spec.data);
    return { setData: (next) => void data.push(next), setSize: () => {}, destroy: () => {} };
  };
  return { factory, specs, data };
}

function Charted({ transport, factory, live = [] }: { transport: FakeTransport; factory?: ChartFactory; live?: ModelProbeRecord[] }) {
  const [range, setRange] = useState(TIME_RANGES[0]);
  return (
    <OpsbarContext.Provider value={transport}>
      <RangePicker value={range} onChange={setRange} />
      <ModelProbeChart endpoint={OLLAMA} model="qwen3:8b" target={30} range={range} live={live} createChart={factory} />
    </OpsbarContext.Provider>
  );
}

describe('Model probe chart', () => {
  it('draws decode tokens/s as dots, cold probes as rings, and the target as a dashed line across the range', async () => {
    const probes = storedProbes();
    const transport = createFakeTransport(modelHandlers(undefined, { probes: () => probes }));
    const { factory, specs, data } = recordingFactory();
    render(<Charted transport={transport} factory={factory} />);
    await waitFor(() => assert.equal(specs.length, 2));
    const [decode, ttft] = specs;
    assert.deepEqual(decode.series, [
      { label: 'Decode', colorVar: '--chart-1', style: 'dots' },
      { label: 'Cold', colorVar: '--chart-cold', style: 'rings' },
      { label: 'Target', colorVar: '--chart-target', style: 'dashed' },
    ]);
    assert.deepEqual(ttft.series, [
      { label: 'TTFT', colorVar: '--chart-2', style: 'dots' },
      { label: 'Cold', colorVar: '--chart-cold', style: 'rings' },
    ]);
    // The decode axis reaches above the target and the fastest probe, so neither sits on the edge.
    assert.deepEqual(decode.domain, [0, 43.9 * 1.15]);
    assert.deepEqual(ttft.domain, [0, 2_450 * 1.15]);
    assert.equal(decode.format(42.4), '42 tok/s');
    assert.equal(ttft.format(2_450), '2.45 s');

    const query = transport.calls.find((c) => c.method === 'models.probes')?.payload as { from: number; to: number; endpoint: string; model: string };
    assert.equal(query.endpoint, OLLAMA);
    assert.equal(query.model, 'qwen3:8b');
    assert.equal(query.to - query.from, 3_600_000);
    const [times, decodes, colds, target] = data[0];
    assert.deepEqual(times, [query.from, ...probes.map((p) => p.at), query.to]);
    assert.deepEqual(decodes, [undefined, 38.2, 41.6, 43.9, undefined]);
    assert.deepEqual(colds, [undefined, 38.2, undefined, undefined, undefined], 'only the cold probe is ringed');
    assert.deepEqual(target, [30, undefined, undefined, undefined, 30]);
    assert.deepEqual(data[1][1], [2_450, 190, 176]);
    // Both charts span the range picked, whatever span the probes have.
    assert.deepEqual(decode.timeSpan?.(), [query.from, query.to]);
    assert.deepEqual(ttft.timeSpan?.(), [query.from, query.to]);

    assert.ok(screen.getByText('Target 30 tok/s'));
  });

  it('says what Probe now does while there is no probe, and asks for the range picked', async () => {
    const transport = createFakeTransport(modelHandlers(undefined, { probes: () => [] }));
    render(<Charted transport={transport} />);
    await screen.findByText(NO_PROBES);
    assert.equal(NO_PROBES, 'No probes yet — Probe now measures one short answer (64 tokens)');
    fireEvent.click(screen.getByText('7 d'));
    await waitFor(() => {
      const windows = transport.calls.filter((c) => c.method === 'models.probes').map((c) => (c.payload as { from: number; to: number }).to - (c.payload as { from: number }).from);
      assert.ok(windows.includes(7 * 24 * 3_600_000));
    });
  });

  it('charts a probe that finished live before the stored list has it', async () => {
    const transport = createFakeTransport(modelHandlers(undefined, { probes: () => [] }));
    const { factory, data } = recordingFactory();
    render(<Charted transport={transport} factory={factory} live={[probeRecord({ at: Date.now() - 1_000, decodeTokensPerSecond: 55.5, cold: true })]} />);
    await screen.findByText('Decode: min 56 tok/s, max 56 tok/s, latest 56 tok/s');
    assert.ok(data[0][2].includes(55.5), 'a cold one is ringed too');
  });

  it('says when the stored probes could not be read', async () => {
    const transport = createFakeTransport({
      ...modelHandlers(),
      'models.probes': () => {
        throw new Error('The history database is locked: close other Opsbar processes and try again.');
      },
    });
    render(<Charted transport={transport} />);
    await screen.findByText('The probe history could not be read: The history database is locked: close other Opsbar processes and try again.');
  });
});
