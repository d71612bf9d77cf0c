import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { counterRate } from '../../../../../electron/core/monitors/models/servers/counterRate';
import { parsePrometheusText, serverCountersOf } from '../../../../../electron/core/monitors/models/servers/prometheusText';
import { fixture } from './fixtureGet';

// Real captures (see test/fixtures/models/PROVENANCE.md).
describe('parsePrometheusText over real /metrics captures', () => {
  it('reads vLLM token counters with their model_name label', () => {
    const samples = parsePrometheusText(fixture('vllm-metrics_bloom-560m_ibm-vllm-pr18_excerpt.txt'));
    const generation = samples.find((sample) => sample.name === 'vllm:generation_tokens_total');
    assert.deepEqual(generation, { name: 'vllm:generation_tokens_total', labels: { model_name: 'bigscience/bloom-560m' }, value: 218152 });
    const bucket = samples.find((sample) => sample.name === 'vllm:time_to_first_token_seconds_bucket');
    assert.deepEqual(bucket?.labels, { le: '0.001', model_name: 'bigscience/bloom-560m' });
    assert.deepEqual(serverCountersOf(samples), { generationTokensTotal: 218152, promptTokensTotal: 1196, requestsRunning: null });
  });

  it('a vLLM that has served nothing yet has families but no samples', () => {
    const samples = parsePrometheusText(fixture('vllm-metrics_no-samples-yet_functionary-pr263-comment_excerpt.txt'));
    assert.deepEqual(samples, []);
    assert.deepEqual(serverCountersOf(samples), { generationTokensTotal: null, promptTokensTotal: null, requestsRunning: null });
  });

  it('reads llama.cpp counters (upstream and the ik_llama.cpp fork)', () => {
    assert.deepEqual(serverCountersOf(parsePrometheusText(fixture('llamacpp-metrics_vulkan-build_llama.cpp-pr13196-comment_head.txt'))), {
      generationTokensTotal: 673,
      promptTokensTotal: 143,
      requestsRunning: null,
    });
    assert.equal(serverCountersOf(parsePrometheusText(fixture('llamacpp-metrics_ik_llama.cpp-pr695-comment_head.txt'))).generationTokensTotal, 3469);
  });

  it('sums a counter over label sets, skips malformed lines, and keeps at most maxSamples', () => {
    const text = [
      'vllm:generation_tokens_total{model_name="a"} 10',
      'this is { not a sample',
      'vllm:generation_tokens_total{model_name="b",note="x\\"y"} 5 1700000000000',
      'vllm:num_requests_running{model_name="a"} NaN',
    ].join('\n');
    const samples = parsePrometheusText(text);
    assert.equal(samples.length, 2);
    assert.equal(samples[1].labels.note, 'x"y');
    assert.equal(serverCountersOf(samples).generationTokensTotal, 15);
    assert.equal(parsePrometheusText(text, 1).length, 1);
  });
});

describe('counterRate', () => {
  it('derives tokens/s between two scrapes of a *_total counter', () => {
    assert.equal(counterRate({ value: 218152, atMs: 0 }, { value: 218152 + 630, atMs: 15_000 }), 42);
  });

  it('gives no rate when the counter went down (the server restarted)', () => {
    assert.equal(counterRate({ value: 218152, atMs: 0 }, { value: 120, atMs: 15_000 }), null);
  });

  it('gives no rate without a previous scrape, a value, or elapsed time', () => {
    assert.equal(counterRate(null, { value: 5, atMs: 1 }), null);
    assert.equal(counterRate({ value: null, atMs: 0 }, { value: 5, atMs: 1 }), null);
    assert.equal(counterRate({ value: 1, atMs: 10 }, { value: 5, atMs: 10 }), null);
  });

  it('an idle server has a rate of zero, not none', () => {
    assert.equal(counterRate({ value: 673, atMs: 0 }, { value: 673, atMs: 15_000 }), 0);
  });
});
