import type { PlanItem } from '../../../../shared/types/actions';
import type { ModelServerKindName } from '../../../../shared/types/models';
import type { ActionDeps, ExecutionContext, ItemResult } from '../actionPlugin';
import { withDeadline } from '../docker/dockerAdmin';
import { configuredEndpointsOf, trimmedUrl } from '../../monitors/models/endpointRegistry';
import { boundedGetFor } from '../../monitors/models/servers/boundedGet';
import { modelServerKind } from '../../monitors/models/servers/modelServerKinds';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Unloading a model through its server's own API, the gentle way to release its GPU memory:
 * - Ollama (docs/api.md, "Unload a model"): `POST /api/generate {"model", "keep_alive": 0}` with
 *   no prompt answers `{"done": true, "done_reason": "unload"}`; `/api/ps` then no longer lists it.
 * - LM Studio 0.4+ (REST API, "Unload a model"): `POST /api/v1/models/unload {"instance_id"}`;
 *   `/api/v0/models` then says `state: "not-loaded"`. Older builds have no unload call: the
 *   operator unloads it in LM Studio or with `lms unload`.
 * Other kinds (llama.cpp, vLLM, mlx-lm) have no unload call; their process or container is the item.
 */
export const UNLOADABLE_KINDS: readonly ModelServerKindName[] = ['ollama', 'lmstudio'];

export const modelItemId = (endpoint: string, model: string) => `model:${endpoint}|${model}`;

/** How long the server gets to drop the model from its list after the unload call answered. */
const GONE_POLL_MS = 100;
const MAX_BODY_BYTES = 256 * 1024;

interface ModelTarget {
  endpoint: string;
  kind: ModelServerKindName;
  model: string;
  apiKey: string | null;
}

export function modelTargetOf(item: PlanItem, deps: Pick<ActionDeps, 'settings'>): ModelTarget {
  const { endpoint, serverKind, model } = item.facts;
  if (typeof endpoint !== 'string' || typeof model !== 'string' || (serverKind !== 'ollama' && serverKind !== 'lmstudio'))
    throw new Error(`Plan item ${item.id} does not name a model server and model: plan again.`);
  const configured = configuredEndpointsOf(deps.settings().models, process.env).find((e) => e.url === trimmedUrl(endpoint));
  return { endpoint: trimmedUrl(endpoint), kind: serverKind, model, apiKey: configured?.apiKey ?? null };
}

/** Whether the server lists the model as loaded now (its own listing, bounded); throws a sentence when it cannot tell. */
export async function isModelLoaded(target: ModelTarget, deadlineMs: number): Promise<boolean> {
  const get = boundedGetFor(target.endpoint, { deadlineMs, ...(target.apiKey ? { apiKey: target.apiKey } : {}) });
  const reading = await modelServerKind(target.kind).read(get);
  return reading.models.some((m) => m.name === target.model && m.loaded);
}

/** The answer's body, at most MAX_BODY_BYTES (a hostile server cannot make Opsbar read without end). */
async function boundedText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function post(target: ModelTarget, path: string, body: unknown, context: ExecutionContext): Promise<{ status: number; text: string }> {
  const url = target.endpoint + path;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  return withDeadline(`${url}`, context.callTimeoutMs, context.signal, async (signal) => {
    const response = await context.fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
    return { status: response.status, text: await boundedText(response) };
  });
}

/** The server's error in its own words, where its answer carries one. */
function serverError(text: string): string | null {
  try {
    const value = JSON.parse(text) as { error?: unknown };
    if (typeof value?.error === 'string') return value.error;
    if (value?.error && typeof value.error === 'object' && typeof (value.error as { message?: unknown }).message === 'string') return (value.error as { message: string }).message;
  } catch {
    return text.trim() ? text.trim().slice(0, 200) : null;
  }
  return null;
}

async function askToUnload(target: ModelTarget, context: ExecutionContext): Promise<string | null> {
  if (target.kind === 'ollama') {
    const answer = await post(target, '/api/generate', { model: target.model, keep_alive: 0 }, context);
    if (answer.status >= 200 && answer.status < 300) return null;
    return `Ollama at ${target.endpoint} refused the unload (HTTP ${answer.status}${serverError(answer.text) ? `: ${serverError(answer.text)}` : ''})`;
  }
  const answer = await post(target, '/api/v1/models/unload', { instance_id: target.model }, context);
  const error = serverError(answer.text);
  if (answer.status === 404 || (error !== null && /unexpected endpoint/i.test(error)))
    return `LM Studio at ${target.endpoint} has no unload API (it needs LM Studio 0.4 or later): unload ${target.model} in LM Studio or run \`lms unload ${target.model}\``;
  if (answer.status < 200 || answer.status >= 300 || error !== null) return `LM Studio at ${target.endpoint} refused the unload (HTTP ${answer.status}${error ? `: ${error}` : ''})`;
  return null;
}

/** Re-checks that the model is still loaded, asks its server to unload it, and waits until it is no longer listed. */
export async function unloadModel(item: PlanItem, context: ExecutionContext): Promise<ItemResult> {
  const target = modelTargetOf(item, context);
  if (!(await isModelLoaded(target, context.callTimeoutMs))) return { outcome: 'skipped', detail: `${target.model} is no longer loaded: nothing to unload` };
  const refused = await askToUnload(target, context);
  if (refused) return { outcome: 'failed', detail: refused };
  const started = performance.now();
  while (await isModelLoaded(target, context.callTimeoutMs)) {
    if (context.signal.aborted || performance.now() - started > context.callTimeoutMs)
      return { outcome: 'failed', detail: `the server accepted the unload but still lists ${target.model} as loaded after ${Math.round((performance.now() - started) / 1000)} s` };
    await delay(GONE_POLL_MS, undefined, { signal: context.signal }).catch(() => undefined);
  }
  return { outcome: 'done', detail: target.kind === 'ollama' ? 'unloaded (keep_alive: 0)' : 'unloaded', bytes: item.bytes };
}
