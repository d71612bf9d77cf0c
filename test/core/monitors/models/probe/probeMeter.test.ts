import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProbeMeter } from '../../../../../electron/core/monitors/models/probe/probeMeter';

/** Float arithmetic: equal to 1e-9 relative. */
const close = (actual: number | null, expected: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= 1e-9 * expected, `${actual} is not ${expected}`);
const ms = (n: number) => BigInt(Math.round(n * 1e6));

/** Scripted stream: request sent at 0, text chunks at the given ms. */
function meter(chunkTimesMs: number[], counts?: { prompt?: number; completion?: number }) {
  const m = new ProbeMeter('asked:model');
  m.sent(0n);
  for (const t of chunkTimesMs) m.text(ms(t));
  if (counts) m.counts(counts.prompt ?? null, counts.completion ?? null);
  return m;
}

test('one token per chunk: TTFT to the first text chunk, decode (n − 1) / (t_last − t_first)', () => {
  // 64 tokens at 50 tok/s (20 ms apart) after a 300 ms first token.
  const times = Array.from({ length: 64 }, (_, i) => 300 + i * 20);
  const r = meter(times, { prompt: 30, completion: 64 }).finish(ms(1700));
  assert.ok(r);
  assert.equal(r.ttftMs, 300);
  close(r.decodeTokensPerSecond, 63 / 1.26);
  close(r.prefillTokensPerSecond, 30 / 0.3);
  assert.equal(r.totalMs, 1700);
  assert.equal(r.completionTokens, 64);
  assert.equal(r.tokenChunks, 64);
  assert.equal(r.estimated, false);
  assert.equal(r.model, 'asked:model');
});

test('eight tokens per chunk: the first chunk’s share is n / chunks, so the rate is not over-read', () => {
  // 64 tokens at 100 tok/s in chunks of 8: a chunk every 80 ms, 8 chunks.
  const times = Array.from({ length: 8 }, (_, i) => 100 + i * 80);
  const r = meter(times, { completion: 64 }).finish(ms(800));
  assert.ok(r);
  close(r.decodeTokensPerSecond, 100); // (64 − 1) / 0.56 would read 112.5
  assert.equal(r.prefillTokensPerSecond, null, 'no prompt count: no prefill figure');
});

test('without usage, tokens are counted as chunks and the figure is marked estimated', () => {
  const times = Array.from({ length: 11 }, (_, i) => 50 + i * 10);
  const r = meter(times).finish(ms(200));
  assert.ok(r);
  assert.equal(r.estimated, true);
  assert.equal(r.completionTokens, 11);
  close(r.decodeTokensPerSecond, 10 / 0.1);
});

test('without usage, llama.cpp’s timings.predicted_n is the count: not estimated', () => {
  const m = meter(Array.from({ length: 8 }, (_, i) => 100 + i * 80));
  m.serverFigures({ kind: 'llama.cpp', decodeTokensPerSecond: 100, prefillTokensPerSecond: null, predictedTokens: 64, promptTokens: 5, cachedTokens: 0, predictedMs: 640, promptMs: 1 });
  const r = m.finish(ms(800));
  assert.ok(r);
  assert.equal(r.estimated, false);
  assert.equal(r.completionTokens, 64);
  close(r.decodeTokensPerSecond, 100);
});

test('a single text chunk gives a TTFT but no decode rate; no text at all gives no measurement', () => {
  const one = meter([40], { completion: 1 }).finish(ms(45));
  assert.ok(one);
  assert.equal(one.ttftMs, 40);
  assert.equal(one.decodeTokensPerSecond, null);
  assert.equal(meter([], { completion: 0 }).finish(ms(10)), null);
});

test('the answering model and the server figures are kept; cold comes from the server', () => {
  const m = meter([10, 20], { completion: 2 });
  m.model('served:name');
  m.serverFigures({ kind: 'lmstudio', decodeTokensPerSecond: 90, ttftMs: 8, generationMs: 30, modelLoadMs: 2500 });
  const r = m.finish(ms(30));
  assert.ok(r);
  assert.equal(r.model, 'served:name');
  assert.equal(r.cold, true);
  assert.equal(r.server?.kind, 'lmstudio');
});

test('the first text chunk is announced once, with its TTFT; a listener that throws does not spoil the measurement', () => {
  const heard: number[] = [];
  const m = new ProbeMeter('asked:model', (ttftMs) => {
    heard.push(ttftMs);
    throw new Error('a broken listener');
  });
  m.sent(0n);
  for (const t of [180, 200, 220]) m.text(ms(t));
  m.counts(10, 3);
  const r = m.finish(ms(300));
  assert.deepEqual(heard, [180]);
  assert.equal(r?.ttftMs, 180);
});

test('no count from the server: the token cap it stopped at, unless it sent more chunks than that (then the chunks)', () => {
  const capped = meter([100, 200, 300, 400]);
  capped.reachedLimit(64);
  const r = capped.finish(ms(500));
  assert.equal(r?.completionTokens, 64);
  assert.equal(r?.estimated, true);
  const lying = meter(Array.from({ length: 70 }, (_, i) => 100 + i));
  lying.reachedLimit(64);
  assert.equal(lying.finish(ms(500))?.completionTokens, 70);
  assert.equal(meter([100, 200]).finish(ms(300))?.completionTokens, 2, 'no stop reason: the chunks');
});
