/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { Severity } from '../../../shared/types/severity';
import { SeverityBadge } from './SeverityBadge';

interface GaugeProps {
  label: string;
  value: string;
  /** How full the bar is, 0–100; null hides the bar. */
  percent: number | null;
  detail?: string;
  severity?: Severity;
  children?: ReactNode;
}

/** One system figure: a label, a big value, a thin bar and a line of detail; a warning says so in words. */
export function Gauge({ label, value, percent, detail, severity = 'ok', children }: GaugeProps) {
  const clamped = percent == null ? null : Math.max(0, Math.min(100, percent));
  return (
    <section className={`gauge sev-${severity}`} aria-label={label}>
      <div className="gauge-head">
        <h3 className="gauge-label">{label}</h3>
        {(severity === 'warning' || severity === 'critical') && <SeverityBadge severity={severity} />}
        <span className="gauge-value">{value}</span>
      </div>
      {clamped != null && (
        <div className="gauge-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(clamped)} aria-label={label}>
          <div className="gauge-fill" style={{ width: `${clamped}%` }} />
        </div>
      )}
      {detail && <div className="gauge-detail">{detail}</div>}
      {children}
    </section>
  );
}
