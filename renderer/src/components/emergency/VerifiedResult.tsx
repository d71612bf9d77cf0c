/** @jsxRuntime automatic */
import type { ActionOutcome, ActionVerification } from '../../../../shared/types/actions';
import { formatBytes } from '../../format';
import { RUN_STATE_WORDS, runStateClass } from './emergencyFormat';

interface Comparison {
  predicted: number | null;
  actual: number | null;
  actualLabel: string;
}

const num = (value: number | null | undefined): number | null => (value == null || !Number.isFinite(value) ? null : value);

/** Predicted against measured: disk bytes freed, or GPU memory released. */
export function comparisonOf(outcome: ActionOutcome): Comparison | null {
  const f = outcome.verified?.figures ?? {};
  if (outcome.action === 'disk') {
    const before = num(f.freeBytesBefore);
    const after = num(f.freeBytesAfter);
    const actual = num(f.freedBytes) ?? (before !== null && after !== null ? after - before : null);
    return { predicted: num(f.predictedBytes), actual, actualLabel: 'Freed (measured)' };
  }
  if (outcome.action === 'gpu') {
    const before = num(f.gpuMemoryBefore);
    const after = num(f.gpuMemoryAfter);
    const actual = num(f.releasedBytes) ?? (before !== null && after !== null ? before - after : null);
    return { predicted: num(f.predictedBytes), actual, actualLabel: 'Released (measured)' };
  }
  return null;
}

function CompareBars({ comparison }: { comparison: Comparison }) {
  const rows = [
    { label: 'Predicted', bytes: comparison.predicted, className: 'compare-predicted' },
    { label: comparison.actualLabel, bytes: comparison.actual, className: 'compare-actual' },
  ];
  const max = Math.max(1, ...rows.map((r) => Math.max(0, r.bytes ?? 0)));
  return (
    <div className="compare-bars" role="table" aria-label="Predicted and measured">
      {rows.map((row) => (
        <div key={row.label} className="compare-row" role="row">
          <span className="compare-label" role="rowheader">
            {row.label}
          </span>
          <span className="compare-track" aria-hidden="true">
            <span className={`compare-fill ${row.className}`} style={{ width: `${(Math.max(0, row.bytes ?? 0) / max) * 100}%` }} />
          </span>
          <span className="compare-value num" role="cell">
            {formatBytes(row.bytes)}
          </span>
        </div>
      ))}
    </div>
  );
}

/** "freeBytesBefore" → "free bytes before"; byte figures in bytes. */
function figureWords(name: string, value: number | null): [string, string] {
  const label = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const isBytes = /bytes|memory/i.test(name);
  return [label, value == null ? '—' : isBytes ? formatBytes(value) : String(value)];
}

function Checks({ verified }: { verified: ActionVerification }) {
  if (verified.checks.length === 0) return null;
  return (
    <ul className="verify-checks" aria-label="Checks">
      {verified.checks.map((check, index) => (
        <li key={`${check.label}-${index}`}>
          <span className={check.passed ? 'sev-ok' : 'sev-critical'}>{check.passed ? '✓ passed' : '✗ failed'}</span> <strong>{check.label}</strong>{' '}
          <span className="muted">{check.detail}</span>
        </li>
      ))}
    </ul>
  );
}

interface VerifiedResultProps {
  outcome: ActionOutcome;
  /** A failed rollback's roll-forward: plans a rollback to the snapshot taken just before. */
  onRollForward?: (snapshotId: string) => void;
}

/** The end of a run: its state, what was measured (predicted vs actual), each check. */
export function VerifiedResult({ outcome, onRollForward }: VerifiedResultProps) {
  const verified = outcome.verified;
  const comparison = comparisonOf(outcome);
  const figures = Object.entries(verified?.figures ?? {});
  return (
    <section className="verified-result" aria-label="Result">
      <h3>
        <span className={runStateClass(outcome.state)}>{RUN_STATE_WORDS[outcome.state] ?? outcome.state}</span>
        {verified ? <span className="verified-summary">{verified.summary}</span> : null}
      </h3>
      {outcome.message ? <p>{outcome.message}</p> : null}
      {!verified && outcome.state === 'unknown' ? <p>Opsbar stopped while this ran: check the items marked "outcome unknown" by hand. Nothing was run again.</p> : null}
      {comparison ? <CompareBars comparison={comparison} /> : null}
      {verified ? <Checks verified={verified} /> : null}
      {figures.length > 0 ? (
        <details className="verify-figures">
          <summary>Measured figures</summary>
          <dl>
            {figures.map(([name, value]) => {
              const [label, text] = figureWords(name, value);
              return (
                <div key={name}>
                  <dt>{label}</dt>
                  <dd>{text}</dd>
                </div>
              );
            })}
          </dl>
        </details>
      ) : null}
      {outcome.rollForwardSnapshotId && outcome.state !== 'succeeded' && onRollForward ? (
        <p className="roll-forward">
          The stack was snapshotted just before this rollback.{' '}
          <button type="button" onClick={() => onRollForward(outcome.rollForwardSnapshotId!)}>
            Roll forward
          </button>
        </p>
      ) : null}
    </section>
  );
}
