/** @jsxRuntime automatic */
import { useEffect, useRef } from 'react';
import type { IncidentWeek } from '../../../../shared/types/incidents';
import { createWeeklyChart, type WeeklyChartFactory, type WeeklyChartHandle } from './weeklyChart';
import { formatMs } from './incidentFormat';

const HEIGHT = 180;

function weekLabel(weekStart: number): string {
  return `Week of ${new Date(weekStart).toLocaleDateString('en', { month: 'short', day: 'numeric' })}`;
}

/** Incidents opened per week (bars) and their mean time to recover (line), with the same figures as a table. */
export function WeeklyIncidentsChart({ weeks, createChart = createWeeklyChart }: { weeks: IncidentWeek[]; createChart?: WeeklyChartFactory }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<WeeklyChartHandle | null>(null);
  const latest = useRef(weeks);
  latest.current = weeks;
  const empty = weeks.every((w) => w.opened === 0);

  useEffect(() => {
    const target = host.current;
    if (!target || empty) return;
    const handle = createChart({ width: target.clientWidth || 600, height: HEIGHT, weeks: latest.current }, target);
    if (!handle) return;
    chart.current = handle;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            const width = Math.floor(entries[0]?.contentRect.width ?? 0);
            if (width > 0) handle.setSize({ width, height: HEIGHT });
          });
    observer?.observe(target);
    return () => {
      observer?.disconnect();
      handle.destroy();
      chart.current = null;
    };
  }, [createChart, empty]);

  useEffect(() => {
    chart.current?.setData(weeks);
  }, [weeks]);

  if (empty) return <p className="chart-empty">No incidents in the last {weeks.length || 12} weeks.</p>;
  const total = weeks.reduce((sum, w) => sum + w.opened, 0);
  return (
    <figure className="chart weekly-chart" aria-label="Incidents per week and MTTR">
      <div className="chart-canvas" ref={host} role="img" aria-label={`Incidents per week: ${total} opened in ${weeks.length} weeks`} />
      <figcaption className="chart-summary">
        <span className="chart-summary-item">
          <span className="chart-swatch chart-swatch-bar" aria-hidden="true" />
          Opened (bars)
        </span>
        <span className="chart-summary-item">
          <span className="chart-swatch chart-swatch-mttr" aria-hidden="true" />
          MTTR (line)
        </span>
      </figcaption>
      <details className="weekly-table">
        <summary>The figures</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Opened</th>
              <th scope="col">Resolved</th>
              <th scope="col">MTTR</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <td>{weekLabel(w.weekStart)}</td>
                <td>{w.opened}</td>
                <td>{w.resolved}</td>
                <td>{formatMs(w.mttrMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
