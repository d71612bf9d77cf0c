/** @jsxRuntime automatic */
import type { StepAttempt } from '../../../../shared/types/runbooks';
import { bytesNotShown, type OutputBuffer } from '../../runbooks/outputBuffer';
import { ChecksTable } from './ChecksTable';
import { ExpectedOutput } from './ExpectedOutput';
import { OutputView } from './OutputView';

interface AttemptResultProps {
  attempt: StepAttempt;
  /** Live output, while the attempt runs (the attempt's own output is the record once it ended). */
  live: OutputBuffer | undefined;
  expectedOutput: string | null;
  title: string;
}

/** What one attempt printed (beside the expected output), its exit code, checks, summary and note. */
export function AttemptResult({ attempt, live, expectedOutput, title }: AttemptResultProps) {
  const useLive = live !== undefined && (attempt.state === 'running' || attempt.output === '');
  const output = useLive
    ? { head: live.head, tail: live.tail, notShown: bytesNotShown(live) }
    : // The stored output already marks its own gap ("… [N bytes not kept] …").
      { head: attempt.output, tail: '', notShown: 0 };
  return (
    <div className="attempt-result">
      <div className="attempt-facts">
        {attempt.attempt > 1 && <span className="chip">attempt {attempt.attempt}</span>}
        {attempt.exitCode !== null && <span className={attempt.exitCode === 0 ? 'chip' : 'chip chip-bad'}>exit code {attempt.exitCode}</span>}
        {attempt.summary && <span className="attempt-summary">{attempt.summary}</span>}
      </div>
      <div className={expectedOutput !== null ? 'step-columns' : undefined}>
        <figure className="actual-output">
          <figcaption>Output</figcaption>
          <OutputView {...output} label={`Output of ${title}`} />
        </figure>
        <ExpectedOutput text={expectedOutput} />
      </div>
      <ChecksTable checks={attempt.checks} />
      {attempt.note && (
        <p className="attempt-note">
          <strong>Note:</strong> {attempt.note}
        </p>
      )}
    </div>
  );
}
