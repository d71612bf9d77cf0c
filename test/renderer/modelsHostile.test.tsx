/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, screen, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { HOSTILE_MODEL, modelEndpoint, modelHandlers, modelsSnapshot, modelView, OLLAMA, probeMessage, probeRecord } from './modelFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const HOSTILE_NAME = '<script>window.__pwned = 1</script>Ollama';
const HOSTILE_ERROR = '<b onmouseover=alert(1)>down</b>';

/** Server-provided names and texts: a model, an endpoint's name, version, detail, note, error and a probe failure. */
function hostileModels() {
  const model = modelView({
    name: HOSTILE_MODEL,
    details: { family: '<iframe src="javascript:alert(1)">' },
    lastProbe: probeRecord({ model: HOSTILE_MODEL }),
  });
  return modelsSnapshot({
    endpoints: [
      modelEndpoint({
        url: OLLAMA,
        name: HOSTILE_NAME,
        version: '<img src=x onerror=alert(2)>',
        models: [model, modelView({ name: '<svg onload=alert(3)>', loaded: false })],
        notes: ['<a href="javascript:alert(4)">click</a>'],
      }),
      modelEndpoint({ url: 'http://127.0.0.1:1234', name: 'LM Studio :1234', state: 'down', up: false, error: HOSTILE_ERROR, severity: 'critical' }),
    ],
  });
}

describe('Models page with hostile server text', () => {
  it('renders every server-provided name and text as text, never as markup', async () => {
    const transport = createFakeTransport(modelHandlers(hostileModels()));
    const { container } = renderApp(transport, 'models');
    const title = await screen.findByText(HOSTILE_NAME, { selector: '.panel-head h2' });
    const card = title.closest('section') as HTMLElement;
    assert.ok(within(card).getByText(HOSTILE_MODEL, { selector: '.model-name' }));
    assert.ok(within(card).getByText('Ollama <img src=x onerror=alert(2)>'));
    assert.ok(within(card).getByText(/<iframe src="javascript:alert\(1\)">/));
    assert.ok(within(card).getByText('<a href="javascript:alert(4)">click</a>'));
    assert.ok(within(card).getByText('<svg onload=alert(3)>'));
    assert.ok(screen.getByText(HOSTILE_ERROR));

    await act(async () =>
      transport.emit(probeMessage({ phase: 'failed', endpoint: OLLAMA, model: HOSTILE_MODEL, at: Date.now(), failure: { endpoint: OLLAMA, model: HOSTILE_MODEL, at: Date.now(), reason: '<img src=y onerror=alert(5)>' } })),
    );
    assert.ok(within(card).getByText(`The probe of ${HOSTILE_MODEL} failed: <img src=y onerror=alert(5)>`));

    for (const tag of ['img', 'script', 'iframe', 'svg', 'b']) assert.equal(container.querySelector(`main ${tag}, .models-page ${tag}`), null, `no <${tag}> element`);
    assert.equal(container.querySelector('.models-page a[href^="javascript"]'), null);
    assert.equal((window as { __pwned?: number }).__pwned, undefined);
  });
});
