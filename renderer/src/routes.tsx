/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { StatusSnapshot } from '../../shared/types/status';
import type { ApiCallState } from './hooks/useApiCall';
import { OverviewPage } from './pages/OverviewPage';
import { StacksPage } from './pages/StacksPage';

export interface PageContext {
  status: ApiCallState<StatusSnapshot>;
  /** The part of the hash after `?`, e.g. `q=vllm` in `#/stacks?q=vllm`. */
  query: URLSearchParams;
  navigate: (route: string) => void;
}

export interface Route {
  id: string;
  label: string;
  render: (context: PageContext) => ReactNode;
}

/** Every page of the app; Runbooks and Settings join here as one entry each. */
export const ROUTES: Route[] = [
  { id: 'overview', label: 'Overview', render: (c) => <OverviewPage status={c.status} navigate={c.navigate} /> },
  { id: 'stacks', label: 'Stacks', render: (c) => <StacksPage initialFilter={c.query.get('q') ?? ''} /> },
];
