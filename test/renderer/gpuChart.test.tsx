/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, render, screen } from '@testing-library/react';
import type { HistoryPoint } from '../../shared/types/history';
import { alignSeries } from '../../renderer/src/components/charts/alignSeries';
import type { ChartData } from '../../renderer/src/components/charts/alignSeries';
import { canDrawCanvas, type ChartFactory, type ChartSpec } from '../../renderer/src/components/charts/chartFactory';
import { describeSeries } from '../../renderer/src/components/charts/chartSummary';
import { formatReadingTime, TimeSeriesChart, type ChartSeries } from '../../renderer/src/components/charts/TimeSeriesChart';
import { formatPercent } from '../../renderer/src/format';

afterEach(cleanup);

const point = (t: number, avg: number): HistoryPoint => ({ t, avg, min: avg - 1, max: avg + 1 });

/** A chart factory that records what the component asks of it. */
function recordingFactory() {
  const log: string[] = [];
  const specs: ChartSpec[] = [];
  const data: ChartData[] = [];
  const factory: ChartFactory = (spec) => {
    log.push('create');
    specs.push(spec);
    data.push(spec.data);
    return {
      setData: (next) => {
        log.push('setData');
        data.push(next);
      },
      setSize: (size) => log.push(`setSize ${size.width}x${size.height}`),
      destroy: () => log.push('destroy'),
    };
  };
  return { factory, log, specs, data };
}

function chart(series: ChartSeries[], factory?: ChartFactory) {
  return <TimeSeriesChart title="GPU 0" series={series} format={formatPercent} domain={[0, 100]} emptyText="No history yet" createChart={factory} />;
}

describe('TimeSeriesChart', () => {
  it('creates the chart once, feeds it new data, and destroys it on unmount', () => {
    const { factory, log, specs, data } = recordingFactory();
    const memory = [point(1_000, 40), point(2_000, 50)];
    const view = render(chart([{ label: 'Memory', points: memory }], factory));
    assert.deepEqual(log, ['create']);
    assert.deepEqual(specs[0].series, [{ label: 'Memory', colorVar: '--chart-1' }]);
    assert.deepEqual(specs[0].domain, [0, 100]);
    assert.equal(specs[0].format(42.4), '42%');
    assert.deepEqual(data[0], [[1_000, 2_000], [40, 50]]);

    // The same points again draw nothing; new points go through setData, not a new chart.
    view.rerender(chart([{ label: 'Memory', points: memory }], factory));
    assert.deepEqual(log, ['create']);
    view.rerender(chart([{ label: 'Memory', points: [...memory, point(3_000, 60)] }], factory));
    assert.deepEqual(log, ['create', 'setData']);
    assert.deepEqual(data[1], [[1_000, 2_000, 3_000], [40, 50, 60]]);

    // A new series is a new shape: the chart is rebuilt.
    view.rerender(chart([{ label: 'Memory', points: memory }, { label: 'Utilisation', points: memory }], factory));
    assert.deepEqual(log, ['create', 'setData', 'destroy', 'create']);
    view.unmount();
    assert.deepEqual(log, ['create', 'setData', 'destroy', 'create', 'destroy']);
  });

  it('follows its box with ResizeObserver where the page has one', () => {
    const globals = globalThis as { ResizeObserver?: unknown };
    let notify: ((entries: Array<{ contentRect: { width: number } }>) => void) | undefined;
    let disconnected = false;
    globals.ResizeObserver = class {
      constructor(callback: typeof notify) {
        notify = callback;
      }
      observe() {}
      disconnect() {
        disconnected = true;
      }
    };
    try {
      const { factory, log } = recordingFactory();
      const view = render(chart([{ label: 'Memory', points: [point(1_000, 40)] }], factory));
      notify?.([{ contentRect: { width: 480.6 } }]);
      notify?.([{ contentRect: { width: 480 } }]);
      assert.deepEqual(log, ['create', 'setSize 480x160']);
      view.unmount();
      assert.ok(disconnected);
    } finally {
      delete globals.ResizeObserver;
    }
  });

  it('tells min, max and latest per series in words, outside the canvas', () => {
    const { factory } = recordingFactory();
    render(chart([{ label: 'Memory', points: [point(1_000, 40), point(2_000, 55)] }, { label: 'Utilisation', points: [] }], factory));
    assert.equal(screen.getByRole('img').getAttribute('aria-label'), 'GPU 0: Memory: min 39%, max 56%, latest 55%; Utilisation: no data');
    assert.ok(screen.getByText('Memory: min 39%, max 56%, latest 55%'));
    assert.ok(screen.getByRole('figure', { name: 'GPU 0' }));
  });

  it('shows the figures under the cursor in the summary row while the pointer is over the chart', () => {
    const { factory, specs } = recordingFactory();
    const at = new Date(2025, 10, 24, 9, 41, 7).getTime();
    render(chart([{ label: 'Memory', points: [point(at - 60_000, 40), point(at, 51)] }, { label: 'Utilisation', points: [point(at, 87)] }], factory));
    const caption = screen.getByRole('figure', { name: 'GPU 0' }).querySelector('figcaption') as HTMLElement;
    assert.equal(caption.querySelector('.chart-reading'), null);

    act(() => specs[0].onCursor?.({ t: at, values: [51.2, null] }));
    assert.equal(caption.querySelector('.chart-reading')?.textContent, `${formatReadingTime(at)} · Memory 51% · Utilisation —`);
    act(() => specs[0].onCursor?.(null));
    assert.equal(caption.querySelector('.chart-reading'), null);
    // The summary stays the chart's accessible description throughout.
    assert.match(screen.getByRole('img').getAttribute('aria-label') ?? '', /Memory: min 39%, max 52%, latest 51%/);
  });

  it('writes the cursor time as a clock today and with the day otherwise', () => {
    const now = new Date(2025, 10, 24, 18, 0, 0).getTime();
    assert.equal(formatReadingTime(new Date(2025, 10, 24, 9, 41, 7).getTime(), now), '09:41:07');
    assert.equal(formatReadingTime(new Date(2025, 10, 18, 23, 5, 0).getTime(), now), 'Nov 18 23:05:00');
  });

  it('shows the empty text and creates no chart while there are no points', () => {
    const { factory, log } = recordingFactory();
    render(chart([{ label: 'Memory', points: [] }], factory));
    assert.ok(screen.getByText('No history yet'));
    assert.equal(screen.queryByRole('img'), null);
    assert.deepEqual(log, []);
  });

  it('renders without a canvas (jsdom) on the real uPlot factory, keeping the summary', () => {
    assert.equal(canDrawCanvas(), false);
    render(chart([{ label: 'Memory', points: [point(1_000, 40), point(2_000, 50)] }]));
    assert.match(screen.getByRole('img').getAttribute('aria-label') ?? '', /Memory: min 39%, max 51%, latest 50%/);
    assert.equal(document.querySelector('canvas'), null);
  });
});

describe('chart data', () => {
  it('merges series onto one time axis, marking alignment holes undefined', () => {
    const data = alignSeries([[point(1_000, 1), point(3_000, 3)], [point(2_000, 20), point(3_000, 30)]]);
    assert.deepEqual(data, [[1_000, 2_000, 3_000], [1, undefined, 3], [undefined, 20, 30]]);
  });

  it('breaks the line with a null after a long pause (Opsbar was not running)', () => {
    const points = [point(0, 1), point(10, 2), point(20, 3), point(30, 4), point(1_000, 5)];
    const [times, values] = alignSeries([points]);
    assert.deepEqual(times, [0, 10, 20, 30, 40, 1_000]);
    assert.deepEqual(values, [1, 2, 3, 4, null, 5]);
  });

  it('describes a series, or says it has no data', () => {
    assert.equal(describeSeries('Power', [point(1, 100), point(2, 250)], (w) => `${w} W`), 'Power: min 99 W, max 251 W, latest 250 W');
    assert.equal(describeSeries('Power', [], (w) => `${w} W`), 'Power: no data');
  });
});
