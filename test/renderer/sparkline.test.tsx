/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render, screen } from '@testing-library/react';
import { Sparkline } from '../../renderer/src/components/Sparkline';
import { formatBytes, formatPercent } from '../../renderer/src/format';
import { history } from './fixtures';

afterEach(cleanup);

describe('Sparkline', () => {
  it('draws the averages over a min/max band and names min, max and latest', () => {
    const { container } = render(<Sparkline points={history('cpu.percent', [10, 50, 30]).points} label="CPU" format={formatPercent} domain={[0, 100]} />);
    const svg = screen.getByRole('img');
    assert.match(svg.getAttribute('aria-label') ?? '', /^CPU: min 9%, max 52%, latest 30% \(\d\d:\d\d:\d\d–\d\d:\d\d:\d\d\)$/);
    assert.equal(svg.querySelector('title')?.textContent, svg.getAttribute('aria-label'));
    assert.equal(container.querySelector('polyline')?.getAttribute('points')?.split(' ').length, 3);
    assert.equal(container.querySelector('polygon')?.getAttribute('points')?.split(' ').length, 6);
    assert.equal(screen.getByText(/min 9% · max 52%/).getAttribute('aria-hidden'), 'true');
  });

  it('scales to the data when no domain is given, and formats with the given helper', () => {
    render(<Sparkline points={history('container.memoryBytes:llm/vllm', [2e9, 4e9]).points} label="Memory" format={formatBytes} />);
    assert.match(screen.getByRole('img').getAttribute('aria-label') ?? '', /min 2.00 GB, max 4.00 GB, latest 4.00 GB/);
  });

  it('says there is not enough history for fewer than two points', () => {
    render(<Sparkline points={history('cpu.percent', [10]).points} label="CPU" format={formatPercent} />);
    assert.equal(screen.queryByRole('img'), null);
    assert.ok(screen.getByText('no history yet'));
  });
});
