import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { HANG_GUARD_MS } from './eventually';

export const REPO_ROOT = join(__dirname, '..', '..');
export const OPSBAR_BIN = join(REPO_ROOT, 'bin', 'opsbar.js');

/** Runs `opsbar …` (the built CLI, as a user would) and collects its output. */
export function runOpsbar(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runProcess(process.execPath, [OPSBAR_BIN, ...args], env);
}

/** Runs a program to its end (NODE_OPTIONS cleared: tsx is the test runner's, not the child's), with what it printed. */
export function runProcess(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, NODE_OPTIONS: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServedOpsbar {
  child: ChildProcess;
  /** The dashboard URL with the token, as printed. */
  url: string;
  origin: string;
  token: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `opsbar serve --port 0` and resolves when it prints its dashboard line. */
export function serveOpsbar(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServedOpsbar> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [OPSBAR_BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
      env: { ...process.env, NODE_OPTIONS: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      reject(new Error(`opsbar serve printed no dashboard line in ${HANG_GUARD_MS} ms. stderr:\n${stderr}`));
      child.kill('SIGKILL');
    }, HANG_GUARD_MS);
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`opsbar serve exited (${code}) before serving. stderr:\n${stderr}`));
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /Opsbar dashboard: (http:\/\/[^\s]+\/\?token=([A-Za-z0-9_-]+))/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1];
      resolve({
        child,
        url,
        origin: new URL(url).origin,
        token: match[2],
        stderr: () => stderr,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

// Tests read envelope values loosely; the contract's types are checked in the unit tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiReply = { ok: boolean; value?: any; error?: { code: string; message: string } };

/** Calls the API of a served Opsbar with its token; returns the envelope. */
export async function callApi(served: Pick<ServedOpsbar, 'origin' | 'token'>, method: string, payload: unknown = {}): Promise<ApiReply> {
  const response = await fetch(`${served.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token}` },
    body: JSON.stringify(payload),
  });
  return (await response.json()) as ApiReply;
}
