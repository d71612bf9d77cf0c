import { z } from 'zod';

/** One contract entry: a payload schema (checked at the boundary) and a result type. */
export function method<Result>() {
  return <Schema extends z.ZodType>(payload: Schema) => ({ payload, result: undefined as unknown as Result });
}

export const noPayload = z.object({}).strict();
