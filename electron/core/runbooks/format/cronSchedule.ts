import { validateDetailed } from 'node-cron';
import type { FrontMatter } from './frontMatter';
import type { ProblemList } from './problemList';

/**
 * A list of schedules travels in `RunbookSummary.schedule` (one string) joined by this
 * separator: cron syntax never uses it. `scheduleExpressions` splits it back.
 */
export const SCHEDULE_SEPARATOR = '; ';

export function scheduleExpressions(schedule: string | null): string[] {
  return schedule === null ? [] : schedule.split(SCHEDULE_SEPARATOR);
}

/** Why a cron expression is refused, in node-cron's words (it is the scheduler that will run it), or null. */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/).length;
  if (expression.trim() === '' || fields < 5 || fields > 6) return `needs 5 or 6 fields (minute hour day month weekday, with optional seconds first), not ${expression.trim() === '' ? 0 : fields}`;
  try {
    const result = validateDetailed(expression);
    if (result.valid) return null;
    return result.errors.map((error) => error.message).join('; ') || 'node-cron refuses it';
  } catch (error) {
    return (error as Error).message;
  }
}

export function checkScheduleExpressions(expressions: readonly string[], frontMatter: FrontMatter, problems: ProblemList): void {
  const single = expressions.length === 1 && typeof (frontMatter.value as { schedule?: unknown }).schedule === 'string';
  expressions.forEach((expression, index) => {
    const problem = cronProblem(expression);
    if (problem === null) return;
    const line = frontMatter.lineOf(single ? ['schedule'] : ['schedule', index]);
    problems.add(line, `Front matter: "schedule" "${expression}" is not a valid cron expression: ${problem}.`);
  });
}
