import { severityRank, type Severity } from '../../../../shared/types/severity';
import type { StatusSnapshot } from '../../../../shared/types/status';
import type { VerificationCheck } from '../../../../shared/types/runbooks';
import type { ActionResult, OpsbarAction } from '../steps/stepKind';

export const MAX_SEVERITIES = ['ok', 'warning'] as const;
type MaxSeverity = (typeof MAX_SEVERITIES)[number];

/**
 * `status.check`: Opsbar's own at-a-glance status. Passes when the overall severity is at most
 * `max-severity` (`ok` or `warning`, default `warning`); each status line becomes a check.
 */
export function createStatusCheckAction(snapshot: () => StatusSnapshot | Promise<StatusSnapshot>): OpsbarAction {
  return {
    name: 'status.check',
    attributes: ['max-severity'],
    validate(attributes) {
      const max = attributes['max-severity'];
      return max === undefined || (MAX_SEVERITIES as readonly string[]).includes(max) ? [] : [`max-severity "${max}" must be ok or warning`];
    },
    async run(attributes): Promise<ActionResult> {
      const max = (attributes['max-severity'] ?? 'warning') as MaxSeverity;
      const status = await snapshot();
      const within = (severity: Severity) => severityRank(severity) <= severityRank(max);
      const checks: VerificationCheck[] = [
        { label: 'overall status', expected: `at most ${max}`, actual: status.overall, passed: within(status.overall) },
        ...status.checks.map((check) => ({
          label: check.label,
          expected: `at most ${max}`,
          actual: `${check.severity}: ${check.summary}`,
          passed: within(check.severity),
        })),
      ];
      const lines = [`overall: ${status.overall} (at most ${max} passes)`, ...status.checks.map((c) => `[${c.severity}] ${c.label}: ${c.summary}`)];
      return { passed: within(status.overall), checks, report: `${lines.join('\n')}\n` };
    },
  };
}
