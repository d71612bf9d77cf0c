import type { LiveMessage } from '../../../shared/api/live';
import type { Runbook, RunbookLibraryView, StepAttempt } from '../../../shared/types/runbooks';

/** `opsbar runbook list`: one line per runbook, by category, then the invalid files and why. */
export function formatRunbookList(view: RunbookLibraryView): string {
  const lines: string[] = [];
  const idWidth = Math.max(2, ...view.runbooks.map((r) => r.id.length));
  lines.push(`${'ID'.padEnd(idWidth)}  ${'CATEGORY'.padEnd(11)}  STEPS  SCHEDULE          TITLE`);
  for (const r of view.runbooks) {
    const schedule = (r.schedule ?? '—').padEnd(16);
    lines.push(`${r.id.padEnd(idWidth)}  ${r.category.padEnd(11)}  ${String(r.stepCount).padStart(5)}  ${schedule}  ${r.title}${r.origin === 'user' ? '  (yours)' : ''}`);
  }
  if (view.invalid.length > 0) {
    lines.push('', `Invalid (never run until fixed): ${view.invalid.length}`);
    for (const bad of view.invalid) {
      lines.push(`  ${bad.file}${bad.id ? ` (${bad.id})` : ''}`);
      for (const p of bad.problems.slice(0, 10)) lines.push(`    line ${p.line}: ${p.message}`);
      if (bad.problems.length > 10) lines.push(`    …and ${bad.problems.length - 10} more`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `opsbar runbook show ID`: params, then every step with what it runs and how it is verified. */
export function formatRunbook(runbook: Runbook): string {
  const lines = [`${runbook.title} (${runbook.id}) — ${runbook.category}${runbook.severity ? `, ${runbook.severity}` : ''}`, `File: ${runbook.file}`, `Hash: ${runbook.hash}`];
  if (runbook.estimatedMinutes) lines.push(`About ${runbook.estimatedMinutes} min`);
  if (runbook.schedule) lines.push(`Schedule: ${runbook.schedule}`);
  if (runbook.description) lines.push('', runbook.description);
  if (runbook.params.length > 0) {
    lines.push('', 'Params (--param NAME=value):');
    for (const p of runbook.params) {
      const allowed = p.values ? ` one of ${p.values.join('|')}` : p.pattern ? ` matching ${p.pattern}` : '';
      const fallback = p.required ? ' (required)' : p.default !== undefined ? ` (default ${JSON.stringify(p.default)})` : '';
      lines.push(`  ${p.name}: ${p.type}${allowed}${fallback} — ${p.description}`);
    }
  }
  lines.push('', 'Steps:');
  for (const step of runbook.steps) {
    lines.push(`  ${step.index + 1}. ${step.title}`);
    const block = step.block;
    if (!block) continue;
    const extras = [`${Math.round(block.timeoutMs / 1000)} s`, block.confirm ? `confirm: ${block.confirm}` : '', ...Object.entries(block.attributes).map(([k, v]) => `${k}=${v}`)];
    lines.push(`     [${block.kind}] ${extras.filter(Boolean).join(', ')}`);
    for (const line of block.body.split('\n')) lines.push(`       ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

const MARK: Record<string, string> = { passed: '✔', failed: '✘', skipped: '↷', cancelled: '■', interrupted: '■', running: '▶', pending: '·' };

export function formatAttemptEnd(attempt: StepAttempt, title: string, stepCount: number): string {
  const seconds = attempt.startedAt !== null && attempt.endedAt !== null ? ` (${((attempt.endedAt - attempt.startedAt) / 1000).toFixed(1)} s)` : '';
  const lines = [`${MARK[attempt.state] ?? '?'} ${attempt.stepIndex + 1}/${stepCount} ${title}: ${attempt.state}${attempt.summary ? ` — ${attempt.summary}` : ''}${seconds}`];
  for (const check of attempt.checks.filter((c) => !c.passed)) lines.push(`    ${check.label}: expected ${check.expected}, got ${check.actual}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Follows one run's live messages and prints a line per step start and end, with the step's
 * output indented as it comes. Returns the printer; feed it every live message.
 */
export function createRunPrinter(runId: () => number | null, titles: readonly string[], out: (text: string) => void): (message: LiveMessage) => void {
  const announced = new Set<string>();
  const ended = new Set<string>();
  let lineOpen = false;
  return (message) => {
    if (message.type === 'run-output' && message.chunk.runId === runId()) {
      if (message.chunk.skipped > 0) out(`${lineOpen ? '\n' : ''}    … ${message.chunk.skipped} bytes not shown …\n`);
      const text = message.chunk.text.replace(/\n(?!$)/g, '\n    ');
      out(`${lineOpen ? '' : '    '}${text}`);
      lineOpen = !text.endsWith('\n');
      return;
    }
    if (message.type !== 'run' || message.run.id !== runId()) return;
    // A message carries only the attempts that changed since the last one about this run.
    const { run, attempts } = message;
    for (const attempt of attempts) {
      const key = `${attempt.stepIndex}:${attempt.attempt}`;
      const title = titles[attempt.stepIndex] ?? attempt.stepId;
      if (attempt.state === 'running' && !announced.has(key)) {
        announced.add(key);
        out(`${lineOpen ? '\n' : ''}▶ ${attempt.stepIndex + 1}/${run.stepCount} ${title}\n`);
        lineOpen = false;
      } else if (attempt.state !== 'running' && attempt.state !== 'pending' && !ended.has(key)) {
        ended.add(key);
        out(`${lineOpen ? '\n' : ''}${formatAttemptEnd(attempt, title, run.stepCount)}`);
        lineOpen = false;
      }
    }
  };
}
