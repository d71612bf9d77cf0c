/**
 * Runs one shell script in its own process group. Aborting the signal (cancel or timeout)
 * kills the whole group: SIGTERM, then SIGKILL after a grace period.
 */
export interface ProcessRunOptions {
  /** The script, given to `/bin/sh -c` exactly as written. */
  script: string;
  cwd: string;
  /** The complete environment of the child. */
  env: Record<string, string>;
  signal: AbortSignal;
  onOutput(chunk: Buffer): void;
}

export interface ProcessRunResult {
  exitCode: number | null;
  /** The signal that ended the shell, if any. */
  signal: string | null;
  /** The group was killed because the signal aborted. */
  killed: boolean;
  /** The script could not be started (cwd missing, no /bin/sh): a sentence for the operator. */
  spawnError: string | null;
}

export interface ProcessRunner {
  run(options: ProcessRunOptions): Promise<ProcessRunResult>;
}
