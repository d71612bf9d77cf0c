import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { packagedCliArguments, runPackagedCli } from '../../electron/main/packagedCli';

const streams = () => {
  const stdout = new PassThrough() as unknown as NodeJS.WriteStream;
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
  let err = '';
  (stderr as unknown as PassThrough).on('data', (c) => (err += c));
  (stdout as unknown as PassThrough).resume();
  return { stdout, stderr, err: () => err };
};

describe('the packaged `opsbar` command (--opsbar-cli mode of the app binary)', () => {
  test('arguments after --opsbar-cli are the CLI; without it the app starts', () => {
    assert.deepEqual(packagedCliArguments(['/opt/Opsbar/opsbar-app', '--ozone-platform=headless', '--opsbar-cli', 'status', '--json']), ['status', '--json']);
    assert.deepEqual(packagedCliArguments(['electron', '.', '--opsbar-cli']), []);
    assert.equal(packagedCliArguments(['electron', '.', '--dashboard']), null);
  });

  test('runs the command and exits with its code once the output is flushed; a crash exits 1 with the error', async () => {
    const ok = streams();
    const codes: number[] = [];
    let seen: string[] = [];
    await runPackagedCli(['runbook', 'list'], { main: async (args) => ((seen = args), 3), ...ok, exit: (code) => void codes.push(code) });
    await new Promise<void>((resolve) => ok.stdout.write('', () => resolve()));
    assert.deepEqual(seen, ['runbook', 'list']);
    assert.deepEqual(codes, [3]);
    const bad = streams();
    await runPackagedCli([], { main: async () => Promise.reject(new Error('boom')), ...bad, exit: (code) => void codes.push(code) });
    await new Promise<void>((resolve) => bad.stderr.write('', () => resolve()));
    assert.equal(codes.at(-1), 1);
    assert.match(bad.err(), /opsbar: Error: boom/);
  });
});
