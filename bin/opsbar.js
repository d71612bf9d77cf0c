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
// If the event loop ever empties before the command answered, that is a bug, never a success.
process.on('beforeExit', () => {
  process.stderr.write('opsbar: stopped before the command finished (nothing left to wait on): internal error\n');
  process.exit(70);
});
require(entry)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`opsbar: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  });
