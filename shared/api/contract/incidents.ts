import { z } from 'zod';
import type { IncidentDetail, IncidentSummary, IncidentWeek } from '../../types/incidents';
import { method } from './method';

const incidentId = z.object({ id: z.number().int().positive() }).strict();

export const incidentMethods = {
  /** Open incidents first (newest first), then resolved ones, newest first. */
  'incidents.list': method<IncidentSummary[]>()(
    z
      .object({
        state: z.enum(['open', 'resolved', 'all']).default('all'),
        limit: z.number().int().min(1).max(1_000).default(100),
      })
      .strict(),
  ),
  'incidents.get': method<IncidentDetail>()(incidentId),
  'incidents.ack': method<IncidentDetail>()(incidentId),
  'incidents.resolve': method<IncidentDetail>()(z.object({ id: z.number().int().positive(), note: z.string().max(4000).optional() }).strict()),
  'incidents.note': method<IncidentDetail>()(z.object({ id: z.number().int().positive(), text: z.string().trim().min(1).max(4000) }).strict()),
  /** Incidents opened per week and their mean time to recover: the Incidents page's chart. */
  'incidents.weekly': method<IncidentWeek[]>()(z.object({ weeks: z.number().int().min(1).max(104).default(12) }).strict()),
} as const;
