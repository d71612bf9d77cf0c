/**
 * Runs `fn` and says how much CPU this process spent on it (user + system), in ms. Unlike wall
 * time it does not grow while other programs have the CPU, so a budget on it catches work that
 * grows too fast without failing on a busy machine.
 */
export function cpuMillis<T>(fn: () => T): { value: T; ms: number } {
  const before = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(before);
  return { value, ms: (used.user + used.system) / 1000 };
}
