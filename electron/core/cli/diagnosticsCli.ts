// FOUNDATION STUB — the diagnostics helper replaces this file.
export interface DiagnosticsArgs {
  dataDir: string;
  out: string | undefined;
}

/** `opsbar diagnostics --out FILE`: the bundle, secrets removed. */
export async function diagnosticsCli(_args: DiagnosticsArgs, io: { out(s: string): void; err(s: string): void }): Promise<number> {
  io.err('not implemented\n');
  return 1;
}
