import { useCallback, useState } from 'react';
import type { ModelProbeProgress, ModelProbeRecord } from '../../../shared/types/models';
import { useLiveMessages } from './useLiveMessages';

/** The key of one model on one endpoint. */
export const modelKey = (endpoint: string, model: string) => `${endpoint}\n${model}`;

export interface ProbeProgressState {
  /** The newest progress message per endpoint URL (a probe runs alone on its endpoint). */
  byEndpoint: ReadonlyMap<string, ModelProbeProgress>;
  /** Probes that finished while the page was open, per `modelKey`, oldest first. */
  finished: ReadonlyMap<string, readonly ModelProbeRecord[]>;
}

const EMPTY: ProbeProgressState = { byEndpoint: new Map(), finished: new Map() };
/** Enough to draw the page's session; older ones are in `models.probes`. */
const KEPT_PER_MODEL = 50;

function apply(state: ProbeProgressState, progress: ModelProbeProgress): ProbeProgressState {
  const byEndpoint = new Map(state.byEndpoint).set(progress.endpoint, progress);
  if (progress.phase !== 'finished') return { ...state, byEndpoint };
  const key = modelKey(progress.endpoint, progress.model);
  const list = state.finished.get(key) ?? [];
  if (list.some((record) => record.at === progress.record.at)) return { ...state, byEndpoint };
  const finished = new Map(state.finished).set(key, [...list, progress.record].slice(-KEPT_PER_MODEL));
  return { byEndpoint, finished };
}

/**
 * Live `model-probe` messages as they come: what runs now on each endpoint (started, first token,
 * finished, failed) and the records of the probes that finished, so a chart and the "last probe"
 * figures show a probe the moment it ends rather than at the next status message.
 */
export function useProbeProgress(): ProbeProgressState {
  const [state, setState] = useState<ProbeProgressState>(EMPTY);
  const onMessage = useCallback((progress: ModelProbeProgress) => setState((current) => apply(current, progress)), []);
  useLiveMessages((message) => {
    if (message.type === 'model-probe') onMessage(message.progress);
  });
  return state;
}
