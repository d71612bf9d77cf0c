/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, screen, within } from '@testing-library/react';
import { createFakeTransport } from './fakeTransport';
import { attempt, chunk, run, runbook } from './runbookFixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const HOSTILE = '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> [click me](javascript:window.__pwned=3) [data](data:text/html;base64,PHNjcmlwdD4=) <a href="javascript:alert(1)">raw</a>';

function assertInert(): void {
  assert.equal(document.querySelector('script'), null, 'a <script> element was made from untrusted text');
  assert.equal(document.querySelector('img'), null, 'an <img> element was made from untrusted text');
  assert.equal(document.querySelector('iframe, object, embed, style'), null);
  for (const a of document.querySelectorAll('a')) {
    const href = a.getAttribute('href') ?? '';
    assert.match(href, /^(https?:|mailto:|#\/)/, `a link to ${href}`);
  }
  for (const element of document.querySelectorAll('*')) {
    for (const { name } of element.attributes) assert.ok(!name.startsWith('on'), `an ${name} attribute on <${element.tagName}>`);
  }
  assert.equal((window as unknown as { __pwned?: number }).__pwned, undefined);
}

describe('hostile runbook text and command output are inert', () => {
  it('renders prose (intro, step text, headings, lists) with raw HTML as text and dangerous links as text', async () => {
    const hostile = runbook({
      intro: `# Intro ${HOSTILE}\n\n- item ${HOSTILE}\n\n> quote ![pic](https://evil.example/x.png)`,
      steps: runbook().steps.map((s) => ({ ...s, prose: `### Why ${HOSTILE}\n\n${HOSTILE}`, expectedOutput: HOSTILE })),
    });
    renderApp(createFakeTransport({ 'runbooks.get': () => hostile }), 'runbooks?id=docker-answers');
    const detail = await screen.findByRole('article', { name: 'Runbook Docker answers' });
    assert.ok(within(detail).getAllByText(/<script>window.__pwned = 1<\/script>/).length > 0, 'raw HTML is not shown as text');
    // markdown-it refuses the javascript: and data: links: they stay literal text, not anchors.
    assert.ok(within(detail).getAllByText(/\[click me\]\(javascript:window.__pwned=3\)/).length > 0);
    assert.equal(within(detail).queryByRole('link', { name: 'click me' }), null);
    assert.ok(within(detail).getByText(/\[image: pic\]/));
    assert.ok(within(detail).getAllByText(HOSTILE, { selector: 'pre' }).length === 3, 'expected output is plain text');
    assertInert();
  });

  it('shows command output, live chunks, checks, notes and wait messages as plain text', async () => {
    const failed = attempt({ stepIndex: 0, state: 'failed', output: HOSTILE, summary: HOSTILE, note: HOSTILE, checks: [{ label: HOSTILE, expected: HOSTILE, actual: HOSTILE, passed: false }] });
    const transport = createFakeTransport({
      'runbooks.run': () =>
        run({
          runbookTitle: HOSTILE,
          params: { STACK: HOSTILE },
          state: 'waiting',
          wait: { kind: 'manual', instruction: HOSTILE },
          currentStep: 1,
          steps: [failed, attempt({ stepIndex: 1, state: 'running', output: '', endedAt: null })],
          attempts: [failed],
        }),
    });
    renderApp(transport, 'runbooks/run/42');
    await screen.findByRole('region', { name: 'Run summary' });
    await act(async () => transport.emit({ type: 'run-output', chunk: chunk({ stepIndex: 1, text: HOSTILE }) }));
    assert.equal(screen.getByLabelText('Output of Prune dangling images').textContent, HOSTILE);
    assert.ok(screen.getAllByText(HOSTILE).length >= 5);
    assertInert();
  });
});
