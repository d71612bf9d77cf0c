/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { StatusSnapshot } from '../../shared/types/status';
import type { ApiCallState } from './hooks/useApiCall';
import { AuditPage } from './pages/AuditPage';
import { EmergencyPage } from './pages/EmergencyPage';
import { GpuPage } from './pages/GpuPage';
import { HttpChecksPage } from './pages/HttpChecksPage';
import { IncidentsPage } from './pages/IncidentsPage';
import { ModelsPage } from './pages/ModelsPage';
import { OverviewPage } from './pages/OverviewPage';
import { RunbooksRoute } from './pages/RunbooksRoute';
import { SettingsPage } from './pages/SettingsPage';
import { StacksPage } from './pages/StacksPage';

export interface PageContext {
  status: ApiCallState<StatusSnapshot>;
  /** The part of the hash after `?`, e.g. `q=vllm` in `#/stacks?q=vllm`. */
  query: URLSearchParams;
  /** Path segments after the page id, e.g. `['run', '42']` in `#/runbooks/run/42`. */
  path: string[];
  navigate: (route: string) => void;
}

export interface Route {
  id: string;
  label: string;
  render: (context: PageContext) => ReactNode;
}

/** Every page of the app. */
export const ROUTES: Route[] = [
  { id: 'overview', label: 'Overview', render: (c) => <OverviewPage status={c.status} navigate={c.navigate} /> },
  { id: 'stacks', label: 'Stacks', render: (c) => <StacksPage initialFilter={c.query.get('q') ?? ''} /> },
  { id: 'gpu', label: 'GPU', render: (c) => <GpuPage navigate={c.navigate} status={c.status} /> },
  { id: 'models', label: 'Models', render: (c) => <ModelsPage navigate={c.navigate} status={c.status} /> },
  { id: 'http', label: 'Health checks', render: (c) => <HttpChecksPage navigate={c.navigate} status={c.status} /> },
  { id: 'incidents', label: 'Incidents', render: (c) => <IncidentsPage path={c.path} navigate={c.navigate} /> },
  { id: 'emergency', label: 'Emergency', render: (c) => <EmergencyPage path={c.path} query={c.query} navigate={c.navigate} status={c.status} /> },
  { id: 'runbooks', label: 'Runbooks', render: (c) => <RunbooksRoute path={c.path} query={c.query} navigate={c.navigate} /> },
  { id: 'audit', label: 'Audit', render: () => <AuditPage /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsPage /> },
];
