import type { CliIo } from './alertingArgs';

/** What `opsbar emergency|snapshots|snapshot` are given (positionals after the command). */
export interface EmergencyArgs {
  dataDir: string;
  positionals: string[];
  json: boolean;
  plan: boolean;
  stack?: string;
  snapshot?: string;
  items: string[];
}

/** STUB (foundation): replaced by the framework engineer. */
export async function emergencyCli(command: 'emergency' | 'snapshots' | 'snapshot', args: EmergencyArgs, io: CliIo): Promise<number> {
  void args;
  io.err(`opsbar ${command}: not built yet\n`);
  return 70;
}
