import type { Clock } from '../clock';

/**
 * Like the system clock, but its timers hold the process open. The app's timers are unref'd
 * (its servers hold it); a CLI command waits on step timeouts, polling waits and collector
 * restarts (an nvidia-smi loop between two runs) with nothing else to keep it alive.
 */
export const keepAliveClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(handle) };
  },
};
