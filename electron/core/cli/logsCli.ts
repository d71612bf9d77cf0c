import { once } from 'node:events';
import { containerRefSchema } from '../../../shared/api/contract/actions';
import { NotFoundError, UnavailableError } from '../api/dispatcher';
import { configPathIn, loadConfigFile } from '../config/configFile';
import { inspectLogTarget, openLogStream, type LogStream } from '../logs/dockerLogStream';
import { resolveLogEngine } from '../logs/logEngine';
import type { RawLogLine } from '../logs/logLines';
import { createDockerClientProvider } from '../monitors/docker/dockerClientProvider';

export interface LogsArgs {
  dataDir: string;
  positionals: string[];
  tail: string | undefined;
  follow: boolean;
  json: boolean;
}

/** `out` answers false when the pipe is full (process.stdout.write): the log is paused until `drain`. */
export interface LogsCliIo {
  out(s: string): unknown;
  err(s: string): void;
  /** Resolves when stdout can take more (default: its 'drain' event). */
  drain?(): Promise<unknown>;
}

const USAGE = 'Usage: opsbar logs CONTAINER [--tail N|all] [--follow] [--json]   (--tail: 500 by default)\n';
const EXIT = { ok: 0, failed: 1, usage: 64 } as const;

/** One line as printed: `<time> <text>` for stdout, `<time> stderr| <text>` for stderr; --json: one object a line. */
export function formatLogLine(line: RawLogLine, json: boolean): string {
  const at = line.at === null ? null : new Date(line.at).toISOString();
  if (json) return `${JSON.stringify({ at, stream: line.stream, text: line.text, ...(line.cut ? { cut: true } : {}) })}\n`;
  const marker = line.stream === 'stderr' ? 'stderr| ' : '';
  return `${at ?? '-'} ${marker}${line.text}${line.cut ? ' [line cut at 8 KiB]' : ''}\n`;
}

function parseTail(value: string | undefined): number | 'all' | null {
  if (value === undefined) return 500;
  if (value === 'all') return 'all';
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/**
 * `opsbar logs CONTAINER [--tail N] [--follow]`: straight from the Engine API (no rate limit: the
 * terminal takes what it can, and a full pipe pauses the read instead of dropping lines). With
 * --follow it runs until Ctrl-C / SIGTERM or the container stops (exit 0 both).
 */
export async function logsCli(args: LogsArgs, io: LogsCliIo): Promise<number> {
  const ref = args.positionals[0];
  const tail = parseTail(args.tail);
  if (!ref || args.positionals.length > 1 || tail === null) {
    io.err(`${!ref ? 'Name the container.' : tail === null ? `--tail takes a number or "all", not ${JSON.stringify(args.tail)}.` : 'One container at a time.'}\n${USAGE}`);
    return EXIT.usage;
  }
  if (!containerRefSchema.safeParse(ref).success) {
    io.err(`${JSON.stringify(ref.slice(0, 80))} is not a container name or id.\n${USAGE}`);
    return EXIT.usage;
  }
  const settings = loadConfigFile(configPathIn(args.dataDir)).settings;
  const drain = io.drain ?? (() => once(process.stdout, 'drain'));
  try {
    const engine = resolveLogEngine(createDockerClientProvider({ settings: () => settings }));
    let target;
    try {
      target = await inspectLogTarget(engine.endpoint, ref);
    } catch (error) {
      throw engine.explain(error, ref);
    }
    return await new Promise<number>((resolve, reject) => {
      let stream: LogStream | null = null;
      let waiting = false;
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        stream?.close();
        resolve(EXIT.ok);
      };
      if (args.follow) {
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }
      openLogStream(engine.endpoint, target, { tail, follow: args.follow }, {
        onLine(line) {
          if (io.out(formatLogLine(line, args.json)) !== false || waiting) return;
          waiting = true;
          stream?.pause();
          void drain().then(() => {
            waiting = false;
            stream?.resume();
          });
        },
        onEnd(error) {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          if (error) reject(engine.explain(error, ref));
          else resolve(EXIT.ok);
        },
      }).then((opened) => (stream = opened), (error: unknown) => reject(engine.explain(error, ref)));
    });
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof UnavailableError) {
      io.err(`opsbar logs: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}
