import type { ModelEndpoint, ModelProbeProgress } from '../../../../shared/types/models';

/**
 * Whether a probe runs on the endpoint now. Live progress is the fresher word; the snapshot's
 * `probe.inFlight` speaks when it knows of a newer probe (the page opened mid-probe, or a
 * message was missed while reconnecting).
 */
export function probeRunning(endpoint: ModelEndpoint, progress: ModelProbeProgress | undefined): { model: string } | null {
  const inFlight = endpoint.probe.inFlight;
  if (inFlight && (!progress || inFlight.startedAt > progress.at)) return { model: inFlight.model };
  if (progress && (progress.phase === 'started' || progress.phase === 'first-token')) return { model: progress.model };
  return null;
}
