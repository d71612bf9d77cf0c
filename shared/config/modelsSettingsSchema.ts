import { z } from 'zod';

/** The `models` section: model-server endpoints, autodetection, probes and targets. */
const modelKindSchema = z.enum(['ollama', 'llamacpp', 'lmstudio', 'vllm', 'mlx']);

/**
 * An endpoint's probe: `false` (never scheduled; "Probe now" still works), a number of minutes,
 * or `{ intervalMinutes }`. Unset: `models.probeIntervalMinutes`.
 */
const endpointProbeSchema = z.union([
  z.boolean(),
  z.number().int().min(0).max(7 * 24 * 60),
  z.object({ intervalMinutes: z.number().int().min(0).max(7 * 24 * 60).optional(), enabled: z.boolean().optional() }).strict(),
]);

export const modelEndpointSchema = z
  .object({
    url: z
      .string()
      .trim()
      .max(2048)
      .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), { message: 'An endpoint URL starts with http:// or https://, e.g. http://127.0.0.1:11434' }),
    kind: modelKindSchema.optional(),
    name: z.string().trim().min(1).max(128).optional(),
    /** Name of the environment variable holding the API key (the key itself is never in the config). */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'apiKeyEnv names an environment variable, e.g. VLLM_API_KEY')
      .optional(),
    probe: endpointProbeSchema.optional(),
  })
  .strict();

export const modelsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** The passive read of every endpoint (up, latency, loaded models, counters). */
    intervalMs: z.number().int().min(1_000).max(3_600_000).default(15_000),
    /** Loopback default ports and containers' published ports are searched this often. */
    detectIntervalMs: z.number().int().min(10_000).max(24 * 3_600_000).default(300_000),
    /** Off: only the configured endpoints are watched. */
    autodetect: z.boolean().default(true),
    /** Loopback ports tried by autodetection. */
    detectPorts: z.array(z.number().int().min(1).max(65535)).max(64).default([8080, 11434, 1234, 8000]),
    endpoints: z.array(modelEndpointSchema).max(64).default([]),
    /** Minutes between scheduled probes of each loaded model (0 = only when asked). */
    probeIntervalMinutes: z.number().int().min(0).max(7 * 24 * 60).default(30),
    probeTimeoutMs: z.number().int().min(5_000).max(600_000).default(60_000),
    /** Decode tokens/s below this on two probes in a row is `model.slow`. */
    targetTokensPerSecond: z.number().min(0).max(100_000).default(30),
    /** Targets per model name (e.g. `llama3.1:70b: 12`). */
    targets: z.record(z.string().min(1).max(256), z.number().min(0).max(100_000)).default({}),
  })
  .strict();
