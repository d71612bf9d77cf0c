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
  /** Which try at this step it is (1 = the first); `attempt.attempt` counts within the whole run. */
  tryNumber: number;
}

/** What one attempt printed (beside the expected output), its exit code, checks, summary and note. */
export function AttemptResult({ attempt, live, expectedOutput, title, tryNumber }: AttemptResultProps) {
  const useLive = live !== undefined && (attempt.state === 'running' || attempt.output === '');
  const output = useLive
    ? { head: live.head, tail: live.tail, notShown: bytesNotShown(live) }
    : // The stored output already marks its own gap ("… [N bytes not kept] …").
      { head: attempt.output, tail: '', notShown: 0 };
  return (
    <div className="attempt-result">
      <div className="attempt-facts">
        {tryNumber > 1 && <span className="chip">try {tryNumber}</span>}
        {/* A zero exit code is news only when the summary does not say it ("exit code 0, output matched"). */}
        {attempt.exitCode !== null && (attempt.exitCode !== 0 || !attempt.summary.includes('exit code 0')) && <span className={attempt.exitCode === 0 ? 'chip' : 'chip chip-bad'}>exit code {attempt.exitCode}</span>}
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
