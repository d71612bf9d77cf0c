/** What `opsbar alerts|silence|incidents|incident|audit` are given (positionals after the command). */
export interface AlertingArgs {
  dataDir: string;
  positionals: string[];
  json: boolean;
  for?: string;
  reason?: string;
  kind?: string;
  since?: string;
  limit?: string;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}
