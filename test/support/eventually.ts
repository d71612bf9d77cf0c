/**
 * How long a test waits for anything before it calls it hung. Only a guard against a test that
 * never ends, never a performance budget: a loaded machine must not fail a test.
 */
export const HANG_GUARD_MS = 60_000;

type Maybe<T> = T | undefined | null | false;

/**
 * Polls `probe` until it answers (anything but undefined, null or false) and returns that answer:
 * waits for a state, not for a time. Fails with `what` after `timeoutMs`.
 */
export async function eventually<T>(
  what: string,
  probe: () => Maybe<T> | Promise<Maybe<T>>,
  options: { everyMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const { everyMs = 20, timeoutMs = HANG_GUARD_MS } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer !== undefined && answer !== null && answer !== false) return answer;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
