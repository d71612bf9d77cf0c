import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { PlanItem } from '../../../../shared/types/actions';
import type { ItemResult } from '../actionPlugin';
import { type CandidateSet, emptyCandidates, mergeCandidates } from './diskItems';
import { planHuggingFace, removeHuggingFaceModel } from './huggingFaceCache';
import { planOllama, removeOllamaModel } from './ollamaCache';

type Env = Readonly<Record<string, string | undefined>>;

/** `$HF_HOME/hub` or `~/.cache/huggingface/hub`, unless the settings name a path. */
export function huggingFaceHubPath(settings: Settings, env: Env = process.env, home = homedir()): string {
  const configured = settings.emergency.disk.huggingFace.path;
  if (configured) return configured;
  return env.HF_HOME ? join(env.HF_HOME, 'hub') : join(home, '.cache', 'huggingface', 'hub');
}

/** `$OLLAMA_MODELS` or `~/.ollama/models`, unless the settings name a path. */
export function ollamaModelsPath(settings: Settings, env: Env = process.env, home = homedir()): string {
  return settings.emergency.disk.ollama.path || env.OLLAMA_MODELS || join(home, '.ollama', 'models');
}

/**
 * The allow-listed caches, opt-in: a cache the settings enable (unless `caches: false`), or
 * every one when `caches: true`. A cache that is not there is no problem: nothing to plan.
 */
export async function planModelCaches(settings: Settings, caches: boolean | undefined, now: number): Promise<CandidateSet> {
  const out = emptyCandidates();
  const { huggingFace, ollama } = settings.emergency.disk;
  const wanted = (enabled: boolean) => caches === true || (enabled && caches !== false);
  const exists = (path: string) => access(path).then(() => true, () => false);
  if (wanted(huggingFace.enabled)) {
    const hub = huggingFaceHubPath(settings);
    if (await exists(hub)) mergeCandidates(out, await planHuggingFace(hub, huggingFace.unusedDays, now));
    else out.notes.push(`No Hugging Face cache at ${hub}.`);
  }
  if (wanted(ollama.enabled)) {
    const models = ollamaModelsPath(settings);
    if (await exists(models)) mergeCandidates(out, await planOllama(models, ollama.unusedDays, now));
    else out.notes.push(`No Ollama models at ${models}.`);
  }
  return out;
}

export function removeCacheItem(item: PlanItem): Promise<ItemResult> {
  if (item.facts.cache === 'huggingface') return removeHuggingFaceModel(item);
  if (item.facts.cache === 'ollama') return removeOllamaModel(item);
  return Promise.resolve({ outcome: 'failed', detail: `unknown cache ${String(item.facts.cache)}` });
}
