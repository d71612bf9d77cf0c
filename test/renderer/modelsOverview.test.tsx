/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { noModelsSnapshot } from '../support/statusFixtures';
import { createFakeTransport } from './fakeTransport';
import { NOW } from './fixtures';
import { modelHandlers, modelsSnapshot } from './modelFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

/** The Overview's Models tile, by its title (role queries over the whole app are slow in jsdom). */
const tile = () => screen.queryByText('Models', { selector: '.panel-head h2' })?.closest('section') ?? null;

describe('Overview Models tile', () => {
  it('shows servers up of total, the loaded models slowest first with their last rate, and the servers down', async () => {
    renderApp(createFakeTransport(modelHandlers()));
    await screen.findByText('Open the Models page');
    const models = tile();
    assert.ok(models instanceof HTMLElement);
    assert.ok(within(models).getByText('2 of 3 servers up · 3 models loaded'));
    const lines = [...models.querySelectorAll('.models-tile-list li')].map((li) => li.textContent);
    assert.deepEqual(lines, [
      // The slow one first, with its badge; then the slowest decode rate.
      'llama3.1:70b9.1 tok/s · TTFT 640 ms · 5 min ago · Ollama :11434below 12 tok/s',
      'qwen3:8b42 tok/s · TTFT 182 ms · 5 min ago · Ollama :11434',
      'Qwen2.5-7B-Instruct-Q4_K_M.gguf89 tok/s · TTFT 182 ms · 5 min ago · llama.cpp :8080',
    ]);
    assert.ok(within(models).getByText('below 12 tok/s').closest('.sev-warning'));
    assert.ok(within(models).getByText('down').closest('.sev-critical'));
    assert.match(models.textContent ?? '', /down vLLM on gpu-box/);

    fireEvent.click(within(models).getByText('Open the Models page'));
    assert.equal(window.location.hash, '#/models');
    await screen.findByText('Ollama :11434', { selector: '.panel-head h2' });
  });

  it('stays quiet where no model server was found, or model monitoring is off', async () => {
    for (const models of [noModelsSnapshot(NOW), noModelsSnapshot(NOW, { state: 'disabled' })]) {
      renderApp(createFakeTransport(modelHandlers(models)));
      await screen.findByText('Open the GPU page');
      assert.equal(tile(), null);
      cleanup();
    }
  });

  it('counts the loaded models beyond the three it shows', async () => {
    const base = modelsSnapshot();
    const [ollama, llama] = base.endpoints;
    const models = { ...base, endpoints: [ollama, llama, { ...llama, url: 'http://127.0.0.1:8081', name: 'llama.cpp :8081' }] };
    renderApp(createFakeTransport(modelHandlers(models)));
    await screen.findByText('Open the Models page');
    assert.ok(within(tile()!).getByText('3 of 3 servers up · 4 models loaded'));
    assert.ok(within(tile()!).getByText('and 1 more loaded'));
  });
});
