/**
 * When a loaded model is due for its scheduled probe. A model is probed when its last attempt
 * (a stored probe or a failure) is older than the endpoint's interval; one never probed, or one
 * that became loaded after its last attempt (the server loaded it again), is due at once.
 * A model that was already loaded when Opsbar first looked keeps its stored history's cadence:
 * restarting Opsbar does not probe every model again.
 */
export interface ScheduledModel {
  /** Start of the newest probe or failure; null when it was never probed. */
  lastAttemptAt: number | null;
  /** When it was seen becoming loaded; null when it was loaded before Opsbar first looked. */
  loadedSince: number | null;
}

export const MINUTE_MS = 60_000;

/** The time the model is due (≤ now: due now); null when the interval is 0 (only when asked). */
export function probeDueAt(model: ScheduledModel, intervalMinutes: number): number | null {
  if (!(intervalMinutes > 0)) return null;
  if (model.lastAttemptAt === null) return model.loadedSince ?? Number.NEGATIVE_INFINITY;
  if (model.loadedSince !== null && model.loadedSince > model.lastAttemptAt) return model.loadedSince;
  return model.lastAttemptAt + intervalMinutes * MINUTE_MS;
}

/** Models loaded now that were not loaded in the previous reading (none on the first reading). */
export function newlyLoaded(previous: ReadonlySet<string> | null, current: readonly string[]): string[] {
  if (previous === null) return [];
  return current.filter((model) => !previous.has(model));
}
