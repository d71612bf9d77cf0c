/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { llamacppEndpoint, modelHandlers, modelsSnapshot, modelsStatusMessage, modelView, ollamaEndpoint, probeRecord , endpointCard } from './modelFixtures';
import { renderApp } from './renderApp';
import { noModelsSnapshot } from '../support/statusFixtures';
import { NOW } from './fixtures';

afterEach(cleanup);

const card = endpointCard;

const cardNow = (name: string): HTMLElement | null => screen.queryByText(name, { selector: '.panel-head h2' })?.closest('section') ?? null;
/** A model's row inside a card. */
const row = (scope: HTMLElement, model: string) => within(scope).getByRole('listitem', { name: `Model ${model}` });

describe('Models page', () => {
  it('lists every endpoint with its kind, version, state and latency, where it came from, its container and counters', async () => {
    renderApp(createFakeTransport(modelHandlers()), 'models');
    const ollama = await card('Ollama :11434');
    assert.ok(within(ollama).getByText('Ollama 0.5.7'));
    assert.ok(within(ollama).getByText('http://127.0.0.1:11434'));
    assert.ok(within(ollama).getByText('autodetected'));
    assert.ok(within(ollama).getByText('up · 3 ms'));

    const llama = await card('llama.cpp :8080');
    assert.ok(within(llama).getByText('llama.cpp b4410'));
    assert.equal(within(llama).getByRole('link', { name: 'llm-llamacpp-1' }).getAttribute('href'), '#/stacks?q=llm');
    assert.ok(within(llama).getByText('Server counters: generating 71 tok/s · reading prompts 340 tok/s · 1 request running · slots 1 busy, 3 idle'));

    // A configured endpoint that is down says so, critical, with the core's sentence.
    const vllm = await card('vLLM on gpu-box');
    assert.ok(within(vllm).getByText('down').closest('.sev-critical'));
    assert.ok(within(vllm).getByText(/refused the connection: is vLLM running\?/));
    assert.ok(within(vllm).getByText('configured'));
    assert.ok(within(vllm).getByText('vLLM'));
    assert.equal(within(vllm).queryByRole('button', { name: /Probe/ }), null);
  });

  it('shows loaded models first with memory, VRAM, GPU and unload time, and the available ones collapsed', async () => {
    renderApp(createFakeTransport(modelHandlers()), 'models');
    const ollama = await card('Ollama :11434');
    const qwen = row(ollama, 'qwen3:8b');
    assert.match(qwen.textContent ?? '', /6\.2 GB · 6\.2 GB in VRAM · GPU 0 holds 6\.9 GB \(pid 3100\) · unloads in 4 min/);
    assert.ok(within(qwen).getByText('qwen3 · 8.2B · Q4_K_M · context 40,960 tokens'));
    const rows = within(ollama).getAllByRole('listitem').filter((li) => li.classList.contains('model-row'));
    assert.deepEqual(
      rows.map((li) => li.getAttribute('aria-label')),
      ['Model qwen3:8b', 'Model llama3.1:70b'],
    );
    const available = within(ollama).getByText(/^12 more available/);
    const details = available.closest('details');
    assert.ok(details);
    assert.equal(details.open, false, 'available models are collapsed');
    assert.ok(within(details).getByText('library-model-12:7b'));
    // The available come after the loaded ones.
    assert.ok(rows[1].compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING);
  });

  it('marks a slow model (the core says model.slow) on its row, with its target and the last two rates', async () => {
    renderApp(createFakeTransport(modelHandlers()), 'models');
    const ollama = await card('Ollama :11434');
    const slow = row(ollama, 'llama3.1:70b');
    assert.ok(slow.classList.contains('model-row-warning'));
    const badge = within(slow).getByText('slow: below its target of 12 tok/s on the last two probes (8.7 and 9.1 tok/s)');
    assert.ok(badge.closest('.badge.sev-warning'));
    // A model at its pace shows its target quietly, no badge.
    const fine = row(ollama, 'qwen3:8b');
    assert.ok(within(fine).getByText('target 30 tok/s'));
    assert.equal(fine.querySelector('.badge'), null);
  });

  it("shows the last probe's client and server figures side by side, with the server's own fields by kind", async () => {
    renderApp(createFakeTransport(modelHandlers()), 'models');
    const ollama = await card('Ollama :11434');
    const qwen = row(ollama, 'qwen3:8b');
    const table = within(qwen).getByRole('table');
    const cells = within(table)
      .getAllByRole('row')
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    assert.deepEqual(cells, [
      ['Last probe', 'Opsbar measured', 'Server reported'],
      ['Time to first token', '182 ms', 'not reported'],
      ['Decode', '42 tok/s', '43 tok/s'],
      ['Prefill', '610 tok/s', '655 tok/s'],
      ['Tokens generated', '64 in 64 chunks', '64'],
      ['Prompt tokens', '24', '24'],
      ['Total', '1.69 s', '1.56 s'],
    ]);
    assert.ok(within(qwen).getByText('warm'));
    assert.ok(within(qwen).getByText('rate as Opsbar measured it'));
    assert.equal(within(qwen).getByText('Server reported').getAttribute('title'), "From Ollama's /api/chat answer");
    assert.match(qwen.textContent ?? '', /More from Ollama's \/api\/chat answer: prompt_eval_duration 37 ms · eval_duration 1\.49 s · load_duration 12 ms/);

    const llama = await card('llama.cpp :8080');
    assert.match(llama.textContent ?? '', /More from llama\.cpp's timings: cache_n 12 · prompt_ms 20 ms · predicted_ms 712 ms/);
  });

  it('marks a cold probe and an estimated one in words, and says when the headline is the server\'s', async () => {
    const record = probeRecord({ cold: true, estimated: true, source: 'server', server: null, client: { ttftMs: 2_400, decodeTokensPerSecond: null, prefillTokensPerSecond: null, tokenChunks: 20 } });
    const models = modelsSnapshot({ endpoints: [ollamaEndpoint({ models: [modelView({ name: 'qwen3:8b', lastProbe: record })] })] });
    renderApp(createFakeTransport(modelHandlers(models)), 'models');
    const qwen = row(await card('Ollama :11434'), 'qwen3:8b');
    assert.ok(within(qwen).getByText('cold: the server loaded the model for this probe'));
    assert.ok(within(qwen).getByText('estimated: no token count came back'));
    assert.ok(within(qwen).getByText('rate as the server reports it (Opsbar could only estimate)'));
    assert.ok(within(qwen).getByText('20 chunks (no token count)'));
    assert.ok(within(qwen).getByText('This server reports no figures of its own on a probe.'));
    assert.equal(within(qwen).queryByText('warm'), null);
  });

  it('applies the models part of a live status message', async () => {
    const transport = createFakeTransport(modelHandlers());
    renderApp(transport, 'models');
    await card('Ollama :11434');
    const next = modelsSnapshot({ at: Date.now() + 10_000, endpoints: [llamacppEndpoint({ latencyMs: 41 })] });
    await act(async () => transport.emit(modelsStatusMessage(next)));
    await waitFor(() => assert.equal(cardNow('Ollama :11434'), null));
    assert.ok(within(await card('llama.cpp :8080')).getByText('up · 41 ms'));
  });

  it('with no server found, says which ports were searched and how to name an endpoint in the config', async () => {
    renderApp(createFakeTransport(modelHandlers(noModelsSnapshot(NOW, { nextDetectionAt: Date.now() + 4 * 60_000 + 5_000 }))), 'models');
    const heading = await screen.findByText('No model server found');
    const box = heading.closest('.state');
    assert.ok(box instanceof HTMLElement);
    assert.match(box.textContent ?? '', /Opsbar searched the loopback ports 8080 \(llama\.cpp, mlx-lm\), 11434 \(Ollama\), 1234 \(LM Studio\), 8000 \(vLLM\) and the published ports of running containers, and found no model server\. It searches again in 4 min\./);
    assert.match(box.textContent ?? '', /models:\s+endpoints:\s+- url: http:\/\/127\.0\.0\.1:11434/);
    await waitFor(() => assert.match(box.textContent ?? '', /in config\.yaml \(\/Users\/ops\/Library\/Application Support\/Opsbar\/config\.yaml\):/));
  });

  it('says when model-server monitoring is turned off', async () => {
    renderApp(createFakeTransport(modelHandlers(noModelsSnapshot(NOW, { state: 'disabled' }))), 'models');
    const heading = await screen.findByText('Model-server monitoring is turned off');
    assert.match(heading.closest('.state')?.textContent ?? '', /Set models\.enabled: true in config\.yaml/);
  });

  it('opens the Stacks page filtered by the stack of the container serving the endpoint', async () => {
    renderApp(createFakeTransport(modelHandlers()), 'models');
    fireEvent.click(within(await card('llama.cpp :8080')).getByRole('link', { name: 'llm-llamacpp-1' }));
    assert.equal(window.location.hash, '#/stacks?q=llm');
    await screen.findByDisplayValue('llm');
  });
});

describe('Model memory words', () => {
  it('says how long an idle model stays loaded, and "stays loaded" for a keep-alive of forever', async () => {
    const { describeMemory } = await import('../../renderer/src/components/models/modelFormat');
    const now = Date.UTC(2026, 0, 1);
    const at = (ms: number) => modelView({ name: 'm', sizeBytes: null, vramBytes: null, gpus: [], expiresAt: new Date(now + ms).toISOString() });
    assert.equal(describeMemory(at(30_000), now), 'unloads in under a minute');
    assert.equal(describeMemory(at(4 * 60_000), now), 'unloads in 4 min');
    assert.equal(describeMemory(at(5 * 3_600_000), now), 'unloads in 5 h');
    assert.equal(describeMemory(at(3 * 86_400_000), now), 'unloads in 3 d');
    assert.equal(describeMemory(at(292 * 365 * 86_400_000), now), 'stays loaded (no idle unload)');
    assert.equal(describeMemory(at(-1), now), 'unloads now');
    assert.equal(describeMemory(modelView({ name: 'm', sizeBytes: null, vramBytes: null, gpus: [], expiresAt: null }), now), 'memory not reported');
  });
});
