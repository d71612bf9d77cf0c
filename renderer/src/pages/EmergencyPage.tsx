/** @jsxRuntime automatic */
import { emergencyRoute } from '../../../shared/actions/actionLinks';
import { ACTION_NAMES, type ActionName } from '../../../shared/types/actions';
import type { StatusSnapshot } from '../../../shared/types/status';
import { ActionPlanPanel } from '../components/emergency/ActionPlanPanel';
import { ContainerPlanRoute } from '../components/emergency/ContainerPlanRoute';
import { DiskUsagePanel } from '../components/emergency/DiskUsagePanel';
import { ACTION_LINES, ACTION_TITLES } from '../components/emergency/emergencyFormat';
import { RecentActions } from '../components/emergency/RecentActions';
import { SnapshotList } from '../components/emergency/SnapshotList';
import { StackChooser } from '../components/emergency/StackChooser';
import { Panel } from '../components/StateViews';
import type { ApiCallState } from '../hooks/useApiCall';

interface EmergencyPageProps {
  /** `['disk']` in `#/emergency/disk`; empty on the index. */
  path: string[];
  /** `stack` and `snapshot` of a rollback (`#/emergency/rollback?stack=demo&snapshot=ID`). */
  query: URLSearchParams;
  navigate: (route: string) => void;
  status: ApiCallState<StatusSnapshot>;
}

const isAction = (value: string | undefined): value is ActionName => (ACTION_NAMES as readonly string[]).includes(value ?? '');

/** A route without `#/`, as navigate takes it. */
const go = (navigate: (route: string) => void, route: string) => navigate(route.replace(/^#\//, ''));

function EmergencyIndex({ navigate, status }: Pick<EmergencyPageProps, 'navigate' | 'status'>) {
  return (
    <div className="emergency-index">
      <Panel title="Emergency actions">
        <p className="muted">Each action first shows a plan: the exact items it would touch and what it keeps. Nothing runs until you confirm.</p>
        <ul className="emergency-actions">
          {(['disk', 'gpu'] as const).map((action) => (
            <li key={action}>
              <button type="button" onClick={() => go(navigate, emergencyRoute(action))}>
                {ACTION_TITLES[action]}…
              </button>
              <span className="muted">{ACTION_LINES[action]}</span>
            </li>
          ))}
          <li>
            <button type="button" onClick={() => go(navigate, emergencyRoute('rollback'))}>
              {ACTION_TITLES.rollback}…
            </button>
            <span className="muted">{ACTION_LINES.rollback}</span>
            <StackChooser status={status.data} navigate={navigate} />
          </li>
          <li className="emergency-container-line">
            <span>
              <strong>{ACTION_TITLES.container}:</strong> <span className="muted">{ACTION_LINES.container}</span> Use the buttons on each container and stack on{' '}
              <a href="#/stacks">the Stacks page</a>, or the tray's Containers menu.
            </span>
          </li>
        </ul>
      </Panel>
      <RecentActions />
    </div>
  );
}

function RollbackPage({ query, navigate, status }: Omit<EmergencyPageProps, 'path'>) {
  const stack = query.get('stack');
  const snapshot = query.get('snapshot');
  if (!stack) {
    return (
      <Panel title="Roll a stack back: choose the stack">
        <StackChooser status={status.data} navigate={navigate} />
      </Panel>
    );
  }
  const planAgainst = (snapshotId: string) => go(navigate, `${emergencyRoute('rollback', stack)}&snapshot=${encodeURIComponent(snapshotId)}`);
  return (
    <div className="emergency-columns">
      <Panel title="Plan">
        <ActionPlanPanel request={{ action: 'rollback', params: { stack, ...(snapshot ? { snapshotId: snapshot } : {}) } }} onRollForward={planAgainst} />
      </Panel>
      <SnapshotList stack={stack} chosen={snapshot} onChoose={planAgainst} />
    </div>
  );
}

/** `#/emergency` (the actions, recent runs) and `#/emergency/<action>` (its plan view; `container` takes verb and container or stack). */
export function EmergencyPage({ path, query, navigate, status }: EmergencyPageProps) {
  const action = path[0];
  if (action === undefined || action === '') return <EmergencyIndex navigate={navigate} status={status} />;
  if (!isAction(action)) {
    return (
      <Panel title="Emergency">
        <p className="state state-error" role="alert">
          There is no emergency action “{action}”. Choose one of <a href="#/emergency">the emergency actions</a>.
        </p>
      </Panel>
    );
  }
  if (action === 'rollback') return <RollbackPage query={query} navigate={navigate} status={status} />;
  if (action === 'container') return <ContainerPlanRoute query={query} />;
  return (
    <div className="emergency-columns">
      <Panel title="Plan">
        <ActionPlanPanel request={action === 'disk' ? { action: 'disk', params: {} } : { action: 'gpu', params: {} }} />
      </Panel>
      {action === 'disk' ? <DiskUsagePanel /> : null}
    </div>
  );
}
