/** @jsxRuntime automatic */
// Renders the Emergency page alone on a fake transport (faster than the whole App), recording navigations.
import { render, type RenderResult } from '@testing-library/react';
import type { StatusSnapshot } from '../../shared/types/status';
import { OpsbarContext } from '../../renderer/src/hooks/opsbarContext';
import { EmergencyPage } from '../../renderer/src/pages/EmergencyPage';
import type { FakeTransport } from './fakeTransport';
import { statusSnapshot } from './fixtures';

export function renderEmergency(transport: FakeTransport, route: string, status: StatusSnapshot = statusSnapshot()): RenderResult & { navigations: string[] } {
  const [pathText, queryText = ''] = route.split('?');
  const navigations: string[] = [];
  const state = { data: status, error: null, loading: false, reload: () => undefined, setData: () => undefined };
  const result = render(
    <OpsbarContext.Provider value={transport}>
      <EmergencyPage path={pathText.split('/').slice(1)} query={new URLSearchParams(queryText)} navigate={(r) => navigations.push(r)} status={state} />
    </OpsbarContext.Provider>,
  );
  return Object.assign(result, { navigations });
}
