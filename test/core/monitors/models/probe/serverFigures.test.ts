import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chunkFacts } from '../../../../../electron/core/monitors/models/probe/chatChunk';
import { isCold, lmStudioStats, OLLAMA_COLD_LOAD_MS, ollamaFinal } from '../../../../../electron/core/monitors/models/probe/serverFigures';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../fixtures/models', name), 'utf8');

test('llama.cpp final chunk (real, PR 15827): timings become server figures, no text, warm', () => {
  // The capture keeps its author's "..." line; everything else is verbatim.
  const text = fixture('v1-chat-completions-stream-final-chunk-timings_llama.cpp-pr15827.txt').replace(/^\s*\.\.\.\s*$/m, '');
  const facts = chunkFacts(JSON.parse(text));
  assert.ok(typeof facts !== 'string');
  assert.equal(facts.hasText, false);
  assert.deepEqual(facts.server, {
    kind: 'llama.cpp',
    decodeTokensPerSecond: 52.94494935437416,
    prefillTokensPerSecond: 32.301828283480845,
    predictedTokens: 35,
    promptTokens: 1,
    cachedTokens: 236,
    predictedMs: 661.064,
    promptMs: 30.958,
  });
  assert.equal(isCold(facts.server), false);
});

test('Ollama /api/chat final chunk (docs example): rates from counts and ns durations; 1.3 ms load is warm', () => {
  const figures = ollamaFinal(JSON.parse(fixture('api-chat-stream-final-chunk_docs-example.json')));
  assert.equal(figures.kind, 'ollama');
  if (figures.kind !== 'ollama') return;
  assert.equal(figures.evalCount, 282);
  assert.ok(Math.abs((figures.decodeTokensPerSecond ?? 0) - 282 / 4.535599) < 1e-9);
  assert.ok(Math.abs((figures.prefillTokensPerSecond ?? 0) - 26 / 0.342546) < 1e-9);
  assert.ok(Math.abs((figures.loadMs ?? 0) - 1.334875) < 1e-9);
  assert.equal(isCold(figures), false);
  assert.equal(isCold({ ...figures, loadMs: OLLAMA_COLD_LOAD_MS + 1 }), true);
});

test('LM Studio stats (written from its REST v0 docs): seconds become ms; a load time means cold', () => {
  const warm = lmStudioStats({ stats: { tokens_per_second: 51.43, time_to_first_token: 0.111, generation_time: 0.954, stop_reason: 'eosFound' } });
  assert.deepEqual(warm, { kind: 'lmstudio', decodeTokensPerSecond: 51.43, ttftMs: 111, generationMs: 954, modelLoadMs: null });
  assert.equal(isCold(warm), false);
  assert.equal(isCold(lmStudioStats({ stats: { tokens_per_second: 40, model_load_time_seconds: 4.2 } })), true);
});

test('chunk text: content or reasoning counts; role-only, empty and finish-only chunks do not', () => {
  const facts = (delta: object, extra: object = {}) => chunkFacts({ model: 'm', choices: [{ index: 0, delta, finish_reason: null, ...extra }] });
  const has = (f: ReturnType<typeof chunkFacts>) => typeof f !== 'string' && f.hasText;
  assert.equal(has(facts({ role: 'assistant' })), false);
  assert.equal(has(facts({ role: 'assistant', content: '' })), false);
  assert.equal(has(facts({}, { finish_reason: 'stop' })), false);
  assert.equal(has(facts({ content: 'Hi' })), true);
  assert.equal(has(facts({ reasoning_content: 'Let me' })), true);
  assert.equal(has(facts({ reasoning: 'Let me' })), true);
  const usage = chunkFacts({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 64, total_tokens: 76 } });
  assert.ok(typeof usage !== 'string');
  assert.equal(usage.completionTokens, 64);
  assert.equal(usage.promptTokens, 12);
  assert.equal(chunkFacts({ error: { message: 'model not loaded' } }), 'an error: model not loaded');
});
