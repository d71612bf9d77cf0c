/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import { ApiCallError } from '../../renderer/src/transport';
import { createFakeTransport, type FakeTransport } from './fakeTransport';
import { LLAMACPP, llamacppEndpoint, modelHandlers, modelsSnapshot, OLLAMA, ollamaEndpoint, probeMessage, probeRecord, vllmDown , endpointCard } from './modelFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const card = endpointCard;
const row = (scope: HTMLElement, model: string) => within(scope).getByRole('listitem', { name: `Model ${model}` });
const probeButton = (scope: HTMLElement, subject: string) => within(scope).getByRole('button', { name: `Probe ${subject} now` }) as HTMLButtonElement;
const probeCalls = (transport: FakeTransport) => transport.calls.filter((c) => c.method === 'models.probe').map((c) => c.payload);

describe('Probe now', () => {
  it("asks the core with the endpoint's URL and the model's name, shows the live progress, then the result in the figures and the chart", async () => {
    const transport = createFakeTransport(modelHandlers());
    renderApp(transport, 'models');
    const ollama = await card('Ollama :11434');
    const qwen = row(ollama, 'qwen3:8b');
    // The stored probes are charted first (the cold one ringed).
    await waitFor(() => assert.ok(within(qwen).getByText('Decode: min 38 tok/s, max 44 tok/s, latest 44 tok/s')));
    assert.equal(within(qwen).getAllByText('Cold (the server loaded the model first): 1').length, 2, 'ringed on both charts');

    fireEvent.click(probeButton(qwen, 'qwen3:8b'));
    await waitFor(() => assert.deepEqual(probeCalls(transport), [{ endpoint: OLLAMA, model: 'qwen3:8b' }]));

    const startedAt = Date.now();
    await act(async () => transport.emit(probeMessage({ phase: 'started', endpoint: OLLAMA, model: 'qwen3:8b', at: startedAt, trigger: 'operator' })));
    assert.ok(within(qwen).getByText('Probing qwen3:8b…'));
    // One probe at a time per endpoint: every Probe now of this endpoint waits; another endpoint's does not.
    assert.equal(probeButton(qwen, 'qwen3:8b').disabled, true);
    assert.equal(probeButton(ollama, 'llama3.1:70b').disabled, true);
    assert.equal(probeButton(ollama, 'every loaded model on Ollama :11434').disabled, true);
    assert.equal(probeButton(await card('llama.cpp :8080'), 'Qwen2.5-7B-Instruct-Q4_K_M.gguf').disabled, false);

    await act(async () => transport.emit(probeMessage({ phase: 'first-token', endpoint: OLLAMA, model: 'qwen3:8b', at: startedAt + 150, ttftMs: 150 })));
    assert.ok(within(qwen).getByText('Probing qwen3:8b… first token after 150 ms'));

    const record = probeRecord({ at: startedAt, ttftMs: 150, decodeTokensPerSecond: 51.3, client: { ttftMs: 150, decodeTokensPerSecond: 51.3, prefillTokensPerSecond: 700, tokenChunks: 64 }, trigger: 'operator' });
    const before = transport.calls.filter((c) => c.method === 'models.probes').length;
    await act(async () => transport.emit(probeMessage({ phase: 'finished', endpoint: OLLAMA, model: 'qwen3:8b', at: startedAt + 1_400, record })));
    assert.ok(within(qwen).getByText('Finished: 51 tok/s · TTFT 150 ms'));
    assert.equal(probeButton(qwen, 'qwen3:8b').disabled, false);
    // The figures are the new probe's, and it joins the chart at once; the stored list is asked for again.
    const decodeRow = within(within(qwen).getByRole('table')).getByText('Decode').closest('tr');
    assert.equal(decodeRow?.querySelector('td')?.textContent, '51 tok/s');
    assert.match(qwen.textContent ?? '', /Last probe just now \(Probe now\)/);
    assert.ok(within(qwen).getByText('Decode: min 38 tok/s, max 51 tok/s, latest 51 tok/s'));
    await waitFor(() => {
      const again = transport.calls.filter((c) => c.method === 'models.probes').slice(before) as Array<{ payload: { model: string; to: number } }>;
      assert.ok(again.some((c) => c.payload.model === 'qwen3:8b' && c.payload.to > record.at));
    });
  });

  it("shows a failed probe's sentence, and the snapshot's last failure when no live news is newer", async () => {
    const failure = { endpoint: OLLAMA, model: 'qwen3:8b', at: Date.now() - 120_000, reason: 'The server closed the stream before the first token (after 2.1 s).' };
    const models = modelsSnapshot({ endpoints: [ollamaEndpoint({ probe: { intervalMinutes: 30, inFlight: null, lastFailure: failure } })] });
    const transport = createFakeTransport(modelHandlers(models));
    renderApp(transport, 'models');
    const qwen = row(await card('Ollama :11434'), 'qwen3:8b');
    const old = within(qwen).getByText('The last probe (2 min ago) failed: The server closed the stream before the first token (after 2.1 s).');
    assert.ok(old.classList.contains('probe-now-failed'));

    const reason = 'The server answered HTTP 401 Unauthorized: set the API key in the environment variable named by apiKeyEnv.';
    await act(async () => transport.emit(probeMessage({ phase: 'started', endpoint: OLLAMA, model: 'qwen3:8b', at: Date.now(), trigger: 'operator' })));
    await act(async () => transport.emit(probeMessage({ phase: 'failed', endpoint: OLLAMA, model: 'qwen3:8b', at: Date.now(), failure: { ...failure, at: Date.now(), reason } })));
    assert.ok(within(qwen).getByText(`The probe of qwen3:8b failed: ${reason}`).classList.contains('probe-now-failed'));
    assert.equal(within(qwen).queryByText(/The last probe \(2 min ago\)/), null);
    assert.equal(probeButton(qwen, 'qwen3:8b').disabled, false);
  });

  it('shows why the core skipped a probe, in its words', async () => {
    const reason = 'A probe of llama3.1:70b is already running on Ollama :11434.';
    const transport = createFakeTransport(modelHandlers(modelsSnapshot(), { probeNow: (p) => ({ started: [], skipped: [{ endpoint: p.endpoint ?? OLLAMA, model: p.model ?? null, reason }] }) }));
    renderApp(transport, 'models');
    const qwen = row(await card('Ollama :11434'), 'qwen3:8b');
    fireEvent.click(probeButton(qwen, 'qwen3:8b'));
    await within(qwen).findByText(reason);
  });

  it('says when the core could not be asked', async () => {
    const transport = createFakeTransport(
      modelHandlers(modelsSnapshot(), {
        probeNow: () => {
          throw new ApiCallError('unavailable', 'Opsbar is not running: start it and try again.');
        },
      }),
    );
    renderApp(transport, 'models');
    const qwen = row(await card('Ollama :11434'), 'qwen3:8b');
    fireEvent.click(probeButton(qwen, 'qwen3:8b'));
    await within(qwen).findByText('Opsbar could not start the probe: Opsbar is not running: start it and try again.');
  });

  it("is disabled while the snapshot says a probe runs on the endpoint, and the endpoint's button probes every loaded model", async () => {
    const inFlight = { model: 'llama3.1:70b', startedAt: Date.now() };
    const models = modelsSnapshot({ endpoints: [ollamaEndpoint({ probe: { intervalMinutes: 30, inFlight, lastFailure: null } }), llamacppEndpoint(), vllmDown()] });
    const transport = createFakeTransport(modelHandlers(models));
    renderApp(transport, 'models');
    const ollama = await card('Ollama :11434');
    const all = probeButton(ollama, 'every loaded model on Ollama :11434');
    assert.equal(all.disabled, true);
    assert.equal(all.title, 'A probe of llama3.1:70b is running on Ollama :11434');
    assert.equal(probeButton(row(ollama, 'llama3.1:70b'), 'llama3.1:70b').textContent, 'Probing…');
    assert.equal(probeButton(row(ollama, 'qwen3:8b'), 'qwen3:8b').textContent, 'Probe now');
    assert.equal(probeButton(row(ollama, 'qwen3:8b'), 'qwen3:8b').disabled, true);

    // A single loaded model has only its own button; it names the model and the endpoint's URL.
    const llama = await card('llama.cpp :8080');
    assert.equal(within(llama).queryByRole('button', { name: /every loaded model/ }), null);
    fireEvent.click(probeButton(llama, 'Qwen2.5-7B-Instruct-Q4_K_M.gguf'));
    await waitFor(() => assert.deepEqual(probeCalls(transport), [{ endpoint: LLAMACPP, model: 'Qwen2.5-7B-Instruct-Q4_K_M.gguf' }]));
  });

  it("probes every loaded model of an endpoint from the endpoint's button, with the endpoint's URL only", async () => {
    const transport = createFakeTransport(modelHandlers());
    renderApp(transport, 'models');
    const ollama = await card('Ollama :11434');
    fireEvent.click(probeButton(ollama, 'every loaded model on Ollama :11434'));
    await waitFor(() => assert.deepEqual(probeCalls(transport), [{ endpoint: OLLAMA }]));
    await act(async () => transport.emit(probeMessage({ phase: 'started', endpoint: OLLAMA, model: 'llama3.1:70b', at: Date.now(), trigger: 'operator' })));
    // The endpoint's line says what runs now; the model's row says it too.
    assert.ok(within(ollama.querySelector('.endpoint-probe') as HTMLElement).getByText('Probing llama3.1:70b…'));
    assert.ok(within(row(ollama, 'llama3.1:70b')).getByText('Probing llama3.1:70b…'));
  });
});
