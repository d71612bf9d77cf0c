// The `opsbar` command of a packaged app: resources/cli/opsbar runs the app's binary with
// `--opsbar-cli <command…>`, and main.ts hands those arguments to the core's CLI instead of
// starting the tray. (ELECTRON_RUN_AS_NODE is fused off; the Electron-ABI better-sqlite3
// rules out a system `node`.) No Electron import: main.ts passes what is needed.

export const CLI_FLAG = '--opsbar-cli';

/** The CLI's arguments when the binary was started as the `opsbar` command; null: start the app. */
export function packagedCliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG);
  return at < 0 ? null : argv.slice(at + 1);
}

export interface PackagedCliDeps {
  main(args: string[]): Promise<number>;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  exit(code: number): void;
}

/** Runs one CLI command to its end, then exits once stdout and stderr are flushed (as bin/opsbar.js does). */
export function runPackagedCli(args: string[], deps: PackagedCliDeps): Promise<void> {
  for (const stream of [deps.stdout, deps.stderr]) {
    // A reader that went away (`opsbar status --json | head`) is not an error of ours.
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  const exitWhenFlushed = (code: number) => {
    let pending = 2;
    const done = () => {
      if (--pending === 0) deps.exit(code);
    };
    for (const stream of [deps.stdout, deps.stderr]) {
      if (stream.destroyed || stream.writableEnded) done();
      else stream.write('', done);
    }
  };
  return deps.main(args).then(exitWhenFlushed, (error: unknown) => {
    deps.stderr.write(`opsbar: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exitWhenFlushed(1);
  });
}
