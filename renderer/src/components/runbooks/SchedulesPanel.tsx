/** @jsxRuntime automatic */
import type { MaintenanceWindowView, ScheduleView } from '../../../../shared/types/runbooks';
import { cronInWords } from '../../runbooks/cronWords';
import { formatDateTime } from '../../runbooks/runFormat';
import { RunStateBadge } from './RunbookBadges';

function MaintenanceWindow({ window: w }: { window: MaintenanceWindowView }) {
  return (
    <p className="maintenance" aria-label="Maintenance window">
      Maintenance window ({cronInWords(w.cron)}, {w.minutes} min):{' '}
      {w.active ? (
        <strong>active{w.until !== null ? ` until ${formatDateTime(w.until)}` : ''}</strong>
      ) : (
        <span>next starts {formatDateTime(w.nextStartAt)}</span>
      )}
    </p>
  );
}

/** Scheduled runbooks: when each runs next and how its last run went. */
export function SchedulesPanel({ schedules, maintenance, onOpenRun }: { schedules: ScheduleView[]; maintenance: MaintenanceWindowView; onOpenRun: (runId: number) => void }) {
  return (
    <>
      <MaintenanceWindow window={maintenance} />
      {schedules.length === 0 ? (
        <p className="muted">No scheduled runbooks.</p>
      ) : (
        <table className="data-table schedules-table">
          <thead>
            <tr>
              <th scope="col">Runbook</th>
              <th scope="col">When</th>
              <th scope="col">Next run</th>
              <th scope="col">Last run</th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={`${s.runbookId} ${s.cron}`}>
                <td>
                  <code>{s.runbookId}</code>
                  {s.source === 'config' && <span className="muted"> (config)</span>}
                </td>
                <td title={s.cron}>{cronInWords(s.cron)}</td>
                <td>{formatDateTime(s.nextRunAt)}</td>
                <td>
                  {s.lastRun ? (
                    <button type="button" className="link" onClick={() => onOpenRun(s.lastRun!.id)} aria-label={`Open run #${s.lastRun.id}`}>
                      <RunStateBadge state={s.lastRun.state} /> #{s.lastRun.id}
                    </button>
                  ) : (
                    <span className="muted">never</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
