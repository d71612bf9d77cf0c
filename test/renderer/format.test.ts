import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, formatDuration, formatLoad, formatPercent, formatRelativeTime, UNKNOWN } from '../../renderer/src/format';

describe('format helpers', () => {
  it('formats bytes in decimal units with sensible precision, as the core does', () => {
    assert.equal(formatBytes(0), '0 B');
    assert.equal(formatBytes(999), '999 B');
    assert.equal(formatBytes(1500), '1.50 kB');
    assert.equal(formatBytes(21.5e9), '21.5 GB');
    assert.equal(formatBytes(926e9), '926 GB');
    assert.equal(formatBytes(3.5e12), '3.50 TB');
    assert.equal(formatBytes(null), UNKNOWN);
    assert.equal(formatBytes(Number.NaN), UNKNOWN);
  });

  it('formats percentages with more digits only for small values', () => {
    assert.equal(formatPercent(42.345), '42%');
    assert.equal(formatPercent(4.25), '4.3%');
    assert.equal(formatPercent(0.042), '0.04%');
    assert.equal(formatPercent(0), '0%');
    assert.equal(formatPercent(9), '9%');
    assert.equal(formatPercent(0.1), '0.1%');
    assert.equal(formatPercent(312.4), '312%');
    assert.equal(formatPercent(undefined), UNKNOWN);
  });

  it('formats durations as the two largest units', () => {
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(65), '1m 5s');
    assert.equal(formatDuration(3600), '1h');
    assert.equal(formatDuration(3725), '1h 2m');
    assert.equal(formatDuration(93_784), '1d 2h');
    assert.equal(formatDuration(-1), UNKNOWN);
  });

  it('formats relative times', () => {
    const now = 1_700_000_000_000;
    assert.equal(formatRelativeTime(now - 2_000, now), 'just now');
    assert.equal(formatRelativeTime(now - 42_000, now), '42s ago');
    assert.equal(formatRelativeTime(now - 5 * 60_000, now), '5 min ago');
    assert.equal(formatRelativeTime(now - 3 * 3_600_000, now), '3 h ago');
    assert.equal(formatRelativeTime(now - 2 * 86_400_000, now), '2 d ago');
    // Another clock ahead of this one (Docker's, the server's): it happened, "just now".
    assert.equal(formatRelativeTime(now + 60_000, now), 'just now');
    assert.equal(formatRelativeTime(null, now), UNKNOWN);
  });

  it('formats load averages like uptime', () => {
    assert.equal(formatLoad([5.123, 4.8, 3.9]), '5.12 4.80 3.90');
    assert.equal(formatLoad([]), UNKNOWN);
  });
});
