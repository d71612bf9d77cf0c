import type { Logger } from '../core/logger';

// Electron's emitters have many typed overloads; Node's EventEmitter signature is the one they all share.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

export interface LifecycleDeps {
  app: { on(event: string, listener: Listener): unknown; quit(): void };
  /** Stops the core (collectors, store); quitting waits for it, up to stopTimeoutMs. */
  stopCore(): Promise<void>;
  /** A second launch focuses the dashboard instead of starting another Opsbar. */
  onSecondInstance(): void;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  stopTimeoutMs?: number;
  /** Where SIGINT/SIGTERM come from (process); a fake in tests. */
  signals?: { once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
}

/**
 * `opsbar --dashboard` (or `--show`) opens the dashboard at start, and so does a first start (no
 * config.yaml yet: the welcome view says what Opsbar found); otherwise Opsbar starts in the tray.
 */
export function wantsDashboardAtStart(argv: readonly string[], firstRun = false): boolean {
  return firstRun || argv.includes('--dashboard') || argv.includes('--show');
}

/**
 * A tray app's life: closing the last window does not quit; a second instance focuses the
 * dashboard; quitting (menu, signal, OS logout) first stops the core so the store is flushed
 * and closed, and never hangs on it.
 */
export function setupLifecycle(deps: LifecycleDeps): void {
  const { app, log } = deps;
  let phase: 'running' | 'stopping' | 'stopped' = 'running';

  app.on('window-all-closed', () => {
    // Deliberately empty: the tray keeps Opsbar running without windows.
  });
  app.on('second-instance', () => deps.onSecondInstance());

  app.on('before-quit', (event: { preventDefault(): void }) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), deps.stopTimeoutMs ?? 5_000);
    });
    const stopped = deps.stopCore().then(
      () => 'stopped' as const,
      (error: unknown) => {
        log.error(`The core did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        return 'failed' as const;
      },
    );
    void Promise.race([stopped, timeout]).then((result) => {
      clearTimeout(timer);
      if (result === 'timeout') log.warn('The core took too long to stop; quitting anyway.');
      else if (result === 'stopped') log.info('Core stopped; quitting.');
      phase = 'stopped';
      app.quit();
    });
  });

  const signals = deps.signals ?? process;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) signals.once(signal, () => app.quit());
}
