import { z } from 'zod';
import { parseDuration } from '../format/duration';

/**
 * A duration in the config: `90s`, `2m`, `1h30m`, `1d`, or a number of seconds. Parsed to ms.
 *
 *   durationSchema.parse('2m') // 120000
 */
export const durationSchema = z.union([z.number().min(0).max(366 * 86_400), z.string().trim().max(32)]).transform((value, ctx) => {
  if (typeof value === 'number') return Math.round(value * 1000);
  const ms = parseDuration(value);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a duration: write e.g. 30s, 2m, 1h or 1d (or a number of seconds)` });
    return z.NEVER;
  }
  return ms;
});
