/** @jsxRuntime automatic */
import type { VerificationCheck } from '../../../../shared/types/runbooks';

/** The step's verification: each check's expected and actual value, passed or failed (word and symbol). */
export function ChecksTable({ checks }: { checks: VerificationCheck[] }) {
  if (checks.length === 0) return null;
  return (
    <table className="checks-table">
      <caption>Verification</caption>
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Expected</th>
          <th scope="col">Actual</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c, i) => (
          <tr key={i} className={c.passed ? 'check-passed' : 'check-failed'}>
            <td>{c.label}</td>
            <td>
              <code>{c.expected}</code>
            </td>
            <td>
              <code>{c.actual}</code>
            </td>
            <td className={c.passed ? 'sev-ok' : 'sev-critical'}>{c.passed ? '✓ pass' : '✗ fail'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
