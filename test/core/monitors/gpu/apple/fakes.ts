import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandOptions, CommandResult, CommandRunner } from '../../../../../electron/core/process/commandRunner';

export const FIXTURES = join(__dirname, '../../../../fixtures/ioreg');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** The written plists (see test/fixtures/ioreg/PROVENANCE.md). */
export const M1PRO_D1_PLIST = 'ioreg-a-d1_m1pro-t6000_from-stats-issue1094.plist';
export const CLIENTS_PLIST = 'ioreg-a-d2_agx-with-clients_written.plist';
/** The real text captures. */
export const M1PRO_TEXT = 'ioreg-IOAccelerator_m1pro-t6000_stats-issue1094_head.txt';
export const SCALENE_LINE = 'ioreg-PerformanceStatistics-line_scalene-issue302.txt';

export const GIB = 1024 ** 3;
export const MIB = 1024 ** 2;

export function ok(stdout: string, extra: Partial<CommandResult> = {}): CommandResult {
  return { exitCode: 0, signal: null, stdout, stderr: '', timedOut: false, truncated: false, spawnError: null, notFound: false, ...extra };
}

export const notFound = (file: string): CommandResult => ok('', { exitCode: null, spawnError: `${file} could not be started: ENOENT`, notFound: true });
export const timedOut = (): CommandResult => ok('', { exitCode: null, signal: 'SIGKILL', timedOut: true });

/** `sysctl NAME…` as macOS prints it (name: value lines). */
export function sysctlOutput(values: { brand?: string; memsize?: number; pressure?: number; wiredMb?: number }): string {
  const lines: string[] = [];
  if (values.brand !== undefined) lines.push(`machdep.cpu.brand_string: ${values.brand}`);
  if (values.memsize !== undefined) lines.push(`hw.memsize: ${values.memsize}`);
  if (values.pressure !== undefined) lines.push(`kern.memorystatus_vm_pressure_level: ${values.pressure}`);
  if (values.wiredMb !== undefined) lines.push(`iogpu.wired_limit_mb: ${values.wiredMb}`);
  return lines.map((l) => `${l}\n`).join('');
}

type Answer = CommandResult | Promise<CommandResult>;

/** Answers ioreg and sysctl calls from the given functions and records every call. */
export class FakeRunner implements CommandRunner {
  readonly calls: { file: string; args: readonly string[]; options: CommandOptions }[] = [];
  constructor(private readonly answers: { ioreg: () => Answer; sysctl: () => Answer }) {}

  run(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
    this.calls.push({ file, args, options });
    return Promise.resolve(file.endsWith('ioreg') ? this.answers.ioreg() : this.answers.sysctl());
  }

  count(tool: 'ioreg' | 'sysctl'): number {
    return this.calls.filter((c) => c.file.endsWith(tool)).length;
  }
}

/** The `{"key"=value,…}` dict of ioreg's text form, for the plain numbers it holds. */
export function textDict(line: string): Record<string, number> {
  const body = /\{(.*)\}/.exec(line)?.[1] ?? '';
  return Object.fromEntries(body.split(',').map((pair) => {
    const [key, value] = pair.split('=');
    return [JSON.parse(key), Number(value)];
  }));
}
