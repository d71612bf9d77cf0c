/**
 * What "Probe now" asks for, against what the last passive read saw: which (endpoint, model)
 * pairs to probe, and a sentence for each one that is not probed. A model that is not loaded is
 * probed only with `load` (the probe makes the server load it, which takes memory and minutes).
 */
import type { ProbeNowResult } from '../../../../../shared/api/contract/models';
import type { ObservedEndpoint, ProbeNowRequest } from '../modelProbeService';
import { trimmedUrl } from '../endpointRegistry';

export interface ProbeTarget {
  endpoint: ObservedEndpoint;
  model: string;
}

const sameUrl = (a: string, b: string) => trimmedUrl(a) === trimmedUrl(b);

export function notLoadedReason(model: string, endpoint: ObservedEndpoint): string {
  return `${model} is not loaded on ${endpoint.name}; a probe would load it. Ask with load to probe it anyway.`;
}

export function probeNowTargets(observed: readonly ObservedEndpoint[], request: ProbeNowRequest): { targets: ProbeTarget[]; skipped: ProbeNowResult['skipped'] } {
  const targets: ProbeTarget[] = [];
  const skipped: ProbeNowResult['skipped'] = [];
  const { model, load = false } = request;

  if (request.endpoint !== undefined) {
    const endpoint = observed.find((e) => sameUrl(e.url, request.endpoint!));
    if (!endpoint) {
      skipped.push({
        endpoint: request.endpoint,
        model: model ?? null,
        reason: `No model server at ${request.endpoint} answered the last reading; check that it is running and that the URL is the one in models.endpoints (or on a detected port).`,
      });
    } else if (model !== undefined) {
      if (endpoint.loadedModels.includes(model) || load) targets.push({ endpoint, model });
      else skipped.push({ endpoint: endpoint.url, model, reason: notLoadedReason(model, endpoint) });
    } else {
      targets.push(...loadedOf(endpoint, skipped));
    }
    return { targets, skipped };
  }

  if (observed.length === 0) {
    skipped.push({ endpoint: '', model: model ?? null, reason: 'No model server answered the last reading, so there is nothing to probe; start one or list it in models.endpoints.' });
    return { targets, skipped };
  }
  if (model === undefined) {
    for (const endpoint of observed) targets.push(...loadedOf(endpoint, skipped));
    return { targets, skipped };
  }
  // A model named without an endpoint: wherever it is loaded; with load, wherever it is served.
  const loadedOn = observed.filter((e) => e.loadedModels.includes(model));
  const chosen = loadedOn.length > 0 || !load ? loadedOn : observed.filter((e) => e.availableModels.includes(model));
  for (const endpoint of chosen) targets.push({ endpoint, model });
  if (chosen.length === 0) {
    skipped.push({
      endpoint: '',
      model,
      reason: load
        ? `No model server that answered serves ${model}; check the name (as the server lists it).`
        : `${model} is not loaded on any model server that answered; a probe would load it. Ask with load to probe it anyway.`,
    });
  }
  return { targets, skipped };
}

function loadedOf(endpoint: ObservedEndpoint, skipped: ProbeNowResult['skipped']): ProbeTarget[] {
  if (endpoint.loadedModels.length === 0) {
    skipped.push({ endpoint: endpoint.url, model: null, reason: `${endpoint.name} has no model loaded, so nothing was probed there; name a model and ask with load to load and probe it.` });
  }
  return endpoint.loadedModels.map((model) => ({ endpoint, model }));
}
