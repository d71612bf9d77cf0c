import { spawn } from 'node:child_process';

/**
 * Runs one program with arguments (never through a shell), with a deadline and a bound on
 * what is kept of its output: the short one-shot calls of collectors (`nvidia-smi
 * --query-compute-apps`, `ioreg`, `sysctl`). A program that hangs is killed at the deadline.
 */
export interface CommandOptions {
  timeoutMs: number;
  /** Bytes kept of stdout (and of stderr) each; the rest is dropped and `truncated` set. Default 4 MiB. */
  maxOutputBytes?: number;
  /** The child's environment (default: Opsbar's own). */
  env?: NodeJS.ProcessEnv;
}

export interface CommandResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Killed at the deadline. */
  timedOut: boolean;
  /** Output went past maxOutputBytes. */
  truncated: boolean;
  /** ENOENT and friends: the program could not be started. `notFound` says which case it is. */
  spawnError: string | null;
  notFound: boolean;
}

export interface CommandRunner {
  run(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult>;
}

const DEFAULT_MAX_OUTPUT = 4 * 1024 * 1024;

export function createCommandRunner(): CommandRunner {
  return {
    run(file, args, options) {
      const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
      return new Promise((resolve) => {
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let outBytes = 0;
        let errBytes = 0;
        let truncated = false;
        let timedOut = false;
        let settled = false;
        const finish = (result: Omit<CommandResult, 'stdout' | 'stderr' | 'timedOut' | 'truncated'>) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ ...result, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut, truncated });
        };
        const child = spawn(file, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, windowsHide: true });
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs);
        const keep = (chunks: Buffer[], chunk: Buffer, used: number): number => {
          const room = max - used;
          if (room <= 0) {
            truncated = true;
            return used;
          }
          if (chunk.length > room) truncated = true;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          return used + Math.min(room, chunk.length);
        };
        child.stdout.on('data', (chunk: Buffer) => (outBytes = keep(out, chunk, outBytes)));
        child.stderr.on('data', (chunk: Buffer) => (errBytes = keep(err, chunk, errBytes)));
        child.on('error', (error: NodeJS.ErrnoException) => {
          finish({ exitCode: null, signal: null, spawnError: `${file} could not be started: ${error.code ?? error.message}`, notFound: error.code === 'ENOENT' });
        });
        child.on('close', (code, signal) => finish({ exitCode: code, signal, spawnError: null, notFound: false }));
      });
    },
  };
}
