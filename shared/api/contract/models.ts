import { z } from 'zod';
import type { ModelProbeRecord, ModelsSnapshot } from '../../types/models';
import { method, noPayload } from './method';

const endpointUrlSchema = z.string().min(1).max(2048);
const modelNameSchema = z.string().min(1).max(256);

/** What "Probe now" started: one entry per (endpoint, model), or why one was not started. */
export interface ProbeNowResult {
  started: { endpoint: string; model: string }[];
  /** e.g. "A probe of qwen3:8b is already running on Ollama :11434." */
  skipped: { endpoint: string; model: string | null; reason: string }[];
}

export const modelMethods = {
  /** Model servers, what they have loaded, their last probes (the status's `models` section). */
  'models.snapshot': method<ModelsSnapshot>()(noPayload),
  /**
   * Probe now. Without `endpoint`: every endpoint's loaded models, one probe each; without
   * `model`: the endpoint's loaded models. A model that is not loaded is probed only with
   * `load: true` (the probe makes the server load it). Answers at once; progress comes live.
   */
  'models.probe': method<ProbeNowResult>()(
    z
      .object({
        endpoint: endpointUrlSchema.optional(),
        model: modelNameSchema.optional(),
        load: z.boolean().default(false),
      })
      .strict(),
  ),
  /** Stored probes of one (endpoint, model) in a time range, oldest first: the Models page's charts. */
  'models.probes': method<ModelProbeRecord[]>()(
    z
      .object({
        endpoint: endpointUrlSchema,
        model: modelNameSchema,
        from: z.number().int().nonnegative(),
        to: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(5_000).default(1_000),
      })
      .strict()
      .refine((p) => p.to >= p.from, { message: '`to` must not be before `from`' }),
  ),
} as const;
