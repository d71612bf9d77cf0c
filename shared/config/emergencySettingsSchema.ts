import { z } from 'zod';
import { durationSchema } from './durationSchema';

/** An allow-listed model cache: opt-in, and only models unused for `unusedDays` are candidates (each by name). */
const modelCacheSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Empty: the tool's own default (`$HF_HOME/hub` or `~/.cache/huggingface/hub`; `$OLLAMA_MODELS` or `~/.ollama/models`). */
    path: z.string().max(4096).default(''),
    unusedDays: z.number().int().min(1).max(3650).default(30),
  })
  .strict();

/** Emergency actions: what "free disk space", "relieve GPU memory" and "roll back" may plan. */
export const emergencySchema = z
  .object({
    /** A plan must be executed within this long after it was made, or made again. */
    planTtl: durationSchema.prefault(900),
    disk: z
      .object({
        /** Container logs over this many MB are truncated (json-file and local drivers, the LogPath Docker reports). */
        logsOverMb: z.number().int().min(1).max(1_000_000).default(100),
        /** Unused images older than this many days are candidates; null: never (opt-in). */
        unusedImagesOlderThanDays: z.number().int().min(0).max(3650).nullable().default(null),
        huggingFace: modelCacheSchema.prefault({}),
        ollama: modelCacheSchema.prefault({}),
        /** Opsbar's own history: retention now and an incremental vacuum. */
        history: z.boolean().default(true),
        /** Budget of the "what fills this disk" walk. */
        usageWalkBudget: durationSchema.prefault(5),
      })
      .strict()
      .prefault({}),
    gpu: z
      .object({
        /** After SIGTERM, how long a process gets to exit before SIGKILL. */
        termGrace: durationSchema.prefault(10),
        /** How long to wait for GPU memory to be released before reporting "not released". */
        releaseWait: durationSchema.prefault(15),
      })
      .strict()
      .prefault({}),
    snapshots: z
      .object({
        /** Take a known-good snapshot when a stack has been healthy this long and changed since its last one. */
        auto: z.boolean().default(true),
        healthyFor: durationSchema.prefault(600),
        /** Snapshots kept per stack (the oldest auto ones go first; their protected tags are removed). */
        keepPerStack: z.number().int().min(1).max(100).default(5),
      })
      .strict()
      .prefault({}),
    rollback: z
      .object({
        /** Back the stack's named volumes up (a tar through a helper container) before stopping anything. */
        backupVolumes: z.boolean().default(false),
        /** Where volume backups go; empty: `<data dir>/backups`. */
        backupDir: z.string().max(4096).default(''),
        /** How long the recreated stack gets to become healthy. */
        healthTimeout: durationSchema.prefault(120),
      })
      .strict()
      .prefault({}),
  })
  .strict();
