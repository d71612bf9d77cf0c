import { z } from 'zod';
import type { SettingsView } from '../../config/settingsSchema';
import type { SetupDetection } from '../../types/setup';
import { method, noPayload } from './method';

export const setupChoiceSchema = z
  .object({
    monitors: z.object({ docker: z.boolean(), gpu: z.boolean(), models: z.boolean(), http: z.boolean() }).strict(),
    notifications: z
      .object({
        desktop: z.boolean(),
        webhook: z
          .object({ kind: z.enum(['webhook', 'ntfy', 'slack']), url: z.string().url().max(2048) })
          .strict()
          .nullable()
          .optional(),
      })
      .strict(),
    startAtLogin: z.boolean(),
  })
  .strict();

export const setupMethods = {
  /** What Opsbar finds on this host (Docker and which, GPUs, model servers, disks) and whether this is a first start. */
  'setup.detect': method<SetupDetection>()(noPayload),
  /** Writes the first config from the welcome view's choices (refused once a config exists: use Settings). */
  'setup.apply': method<SettingsView>()(setupChoiceSchema),
} as const;
