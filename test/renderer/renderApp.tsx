/** @jsxRuntime automatic */
// Renders the whole app on a fake transport at a given page (hash route).
import { render, type RenderResult } from '@testing-library/react';
import { App } from '../../renderer/src/App';
import type { FakeTransport } from './fakeTransport';

export function renderApp(transport: FakeTransport, route = 'overview'): RenderResult {
  window.location.hash = `#/${route}`;
  return render(<App transport={transport} />);
}
