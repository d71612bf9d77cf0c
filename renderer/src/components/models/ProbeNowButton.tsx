/** @jsxRuntime automatic */
import { useState } from 'react';
import type { ProbeNowResult } from '../../../../shared/api/contract/models';
import type { ModelEndpoint, ModelProbeProgress } from '../../../../shared/types/models';
import { formatRelativeTime } from '../../format';
import { useClient } from '../../hooks/opsbarContext';
import { describeProgress } from './modelFormat';
import { probeRunning } from './probeRunning';

interface ProbeNowButtonProps {
  endpoint: ModelEndpoint;
  /** One model; without it, every loaded model of the endpoint. */
  model?: string;
  /** The endpoint's newest live progress message. */
  progress: ModelProbeProgress | undefined;
}

/** The core's answer to the last click (it answers at once; the probe's progress comes live). */
type Answer = { kind: 'sent' } | { kind: 'answered'; result: ProbeNowResult } | { kind: 'error'; message: string };

interface Line {
  text: string;
  failed: boolean;
}

function answerLines(answer: Answer | null): Line[] {
  if (!answer || answer.kind === 'sent') return [];
  if (answer.kind === 'error') return [{ text: `Opsbar could not start the probe: ${answer.message}`, failed: true }];
  const { started, skipped } = answer.result;
  const lines = skipped.map((s) => ({ text: s.reason, failed: false }));
  if (started.length === 0 && skipped.length === 0) lines.push({ text: 'Nothing to probe: the server lists no loaded model.', failed: false });
  return lines;
}

/** What the row says now: this model's live progress, else its last failure the snapshot knows of. */
function progressLine({ endpoint, model, progress }: ProbeNowButtonProps): Line | null {
  // The endpoint's button speaks of what runs on it now; each model row tells its own probes' ends.
  if (progress && (model === undefined ? progress.phase === 'started' || progress.phase === 'first-token' : progress.model === model)) {
    return { text: describeProgress(progress), failed: progress.phase === 'failed' };
  }
  const failure = endpoint.probe.lastFailure;
  if (model !== undefined && failure && failure.model === model && (!progress || progress.at < failure.at)) {
    return { text: `The last probe (${formatRelativeTime(failure.at)}) failed: ${failure.reason}`, failed: true };
  }
  return null;
}

/**
 * "Probe now": asks the core (`models.probe` with the endpoint's URL and the model's name) and
 * shows the probe's live progress, its result or the failure's sentence, and why the core
 * skipped what it did not start. Disabled while any probe runs on the endpoint (one at a time).
 */
export function ProbeNowButton(props: ProbeNowButtonProps) {
  const { endpoint, model, progress } = props;
  const client = useClient();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const running = probeRunning(endpoint, progress);
  const sending = answer?.kind === 'sent';
  const disabled = sending || running != null || !endpoint.up;

  const probe = async () => {
    setAnswer({ kind: 'sent' });
    try {
      const result = await client.call('models.probe', model === undefined ? { endpoint: endpoint.url } : { endpoint: endpoint.url, model });
      setAnswer({ kind: 'answered', result });
    } catch (error) {
      setAnswer({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const subject = model ?? `every loaded model on ${endpoint.name}`;
  const line = progressLine(props);
  const lines = [...(line ? [line] : []), ...answerLines(answer)];
  const title = running ? `A probe of ${running.model} is running on ${endpoint.name}` : !endpoint.up ? `${endpoint.name} does not answer` : `Measure one short answer of ${subject} (64 tokens)`;
  return (
    <div className="probe-now">
      <button type="button" onClick={probe} disabled={disabled} title={title} aria-label={`Probe ${subject} now`}>
        {sending ? 'Starting…' : running && (model === undefined || running.model === model) ? 'Probing…' : model === undefined ? 'Probe all now' : 'Probe now'}
      </button>
      <span className="probe-now-status" role="status" aria-live="polite">
        {lines.map((line, i) => (
          <span key={i} className={line.failed ? 'probe-now-failed' : undefined}>
            {line.text}
          </span>
        ))}
      </span>
    </div>
  );
}
