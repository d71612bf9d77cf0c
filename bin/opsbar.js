#!/usr/bin/env node
'use strict';
// The `opsbar` command (headless server and CLI). Runs the compiled core from dist/.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'node', 'electron', 'core', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('Opsbar is not built yet: run `npm install` (or `npm run build`) in the Opsbar checkout.\n');
  process.exit(1);
}

// A reader that went away (`opsbar status --json | head -c 10`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') return;
    throw error;
  });
}

/**
 * Exits once stdout and stderr have handed everything to the OS. Writes to a pipe are
 * asynchronous: `process.exit()` straight after a large write keeps only what fitted in the
 * pipe's buffer (64 KiB on Linux). An empty write's callback runs after every earlier write.
 */
function exitWhenFlushed(code) {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.destroyed || stream.writableEnded) done();
    else stream.write('', done);
  }
}

// If the event loop ever empties before the command answered, that is a bug, never a success.
let answered = false;
process.on('beforeExit', () => {
  if (answered) return;
  process.stderr.write('opsbar: stopped before the command finished (nothing left to wait on): internal error\n');
  process.exit(70);
});
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    answered = true;
    exitWhenFlushed(code);
  })
  .catch((error) => {
    answered = true;
    process.stderr.write(`opsbar: ${error && error.stack ? error.stack : error}\n`);
    exitWhenFlushed(1);
  });
