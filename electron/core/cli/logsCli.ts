// FOUNDATION STUB — the logs helper replaces this file.
export interface LogsArgs {
  dataDir: string;
  positionals: string[];
  tail: string | undefined;
  follow: boolean;
  json: boolean;
}

/** `opsbar logs CONTAINER [--tail N] [--follow]`. */
export async function logsCli(_args: LogsArgs, io: { out(s: string): void; err(s: string): void }): Promise<number> {
  io.err('opsbar logs: not implemented\n');
  return 1;
}
