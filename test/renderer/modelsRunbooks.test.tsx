/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import { cleanup, screen, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { statusSnapshot } from './fixtures';
import { modelHandlers, modelsSnapshot, VLLM } from './modelFixtures';
import { renderApp } from './renderApp';
import { library, summary } from './runbookFixtures';

afterEach(cleanup);

it("a server that is down links the runbooks whose triggers name model.down, on its own card only", async () => {
  const models = modelsSnapshot();
  const down = { id: `model.down:${VLLM}`, label: 'vLLM on gpu-box', alert: 'model.down', severity: 'critical' as const, summary: 'vLLM on gpu-box does not answer' };
  const runbooks = library();
  runbooks.runbooks.push(summary({ id: 'incident-model-server-down', title: 'Incident: model server down', category: 'incident', triggers: ['model.down'] }));
  renderApp(
    createFakeTransport({
      ...modelHandlers(models),
      'status.get': () => ({ ...statusSnapshot(), checks: [down], models }),
      'runbooks.list': () => runbooks,
    }),
    'models',
  );
  const link = await screen.findByText('Runbook: Incident: model server down');
  assert.equal(link.getAttribute('href'), '#/runbooks?id=incident-model-server-down');
  const card = link.closest('section');
  assert.ok(card && within(card).getByText('vLLM on gpu-box', { selector: '.panel-head h2' }), 'on the card of the endpoint that is down');
  assert.equal(screen.getAllByText(/^Runbook: /).length, 1, 'no other card links it');
});
