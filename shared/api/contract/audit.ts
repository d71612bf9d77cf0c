import { z } from 'zod';
import type { AuditRecord } from '../../types/audit';
import { method } from './method';

export const auditMethods = {
  /** Audit rows newest first, filtered by kind (the action's first word: `runbook`, `settings`, `notification`, `silence`, `incident`, `action`) and time. */
  'audit.list': method<AuditRecord[]>()(
    z
      .object({
        kind: z.string().regex(/^[a-z]+$/).max(32).optional(),
        from: z.number().int().nonnegative().optional(),
        to: z.number().int().nonnegative().optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(1_000).default(200),
      })
      .strict(),
  ),
} as const;
