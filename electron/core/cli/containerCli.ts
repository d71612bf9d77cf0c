// FOUNDATION STUB — the container-actions helper replaces this file.
export interface ContainerCliArgs {
  dataDir: string;
  verb: 'restart' | 'stop' | 'start';
  positionals: string[];
  stack: string | undefined;
  yes: boolean;
  json: boolean;
}

/** `opsbar restart|stop|start CONTAINER [--yes]`, `opsbar restart --stack NAME [--yes]`: planned, confirmed, verified. */
export async function containerCli(_args: ContainerCliArgs, io: { out(s: string): void; err(s: string): void }): Promise<number> {
  io.err('not implemented\n');
  return 1;
}
