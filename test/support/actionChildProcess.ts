import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import { markerOf } from './actionChild';
import { eventually } from './eventually';
import { tempDir } from './tempDir';

const CHILD = join(__dirname, 'actionChild.ts');
/** Nothing watched: the child's core reads no Docker, GPU or model server (the shared engine is not its business). */
export const QUIET_CONFIG = ['docker:', '  enabled: false', 'gpu:', '  enabled: false', 'models:', '  enabled: false', ''].join('\n');

const children: ChildProcess[] = [];
// On the file's root (see tempDir): a child a failed test left running is killed when the file ends.
after(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export interface ActionChild {
  child: ChildProcess;
  planId: string;
  dataDir: string;
  markerDir: string;
  /** Resolves with the exit code and signal once the child is gone and its output read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
}

/** Starts test/support/actionChild.ts on a fresh data dir and resolves once it acts on `step:2` (its marker file exists). */
export async function startActionChildInStep2(): Promise<ActionChild> {
  const dataDir = tempDir('opsbar-actions-');
  const markerDir = tempDir('opsbar-markers-');
  writeFileSync(join(dataDir, 'config.yaml'), QUIET_CONFIG);
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, markerDir], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  await eventually('the child acting on step:2', () => existsSync(markerOf(markerDir, 'step:2')) || child.exitCode !== null);
  assert.equal(child.exitCode, null, `the child ended early: ${stderr}`);
  const planId = /^plan (\S+)$/m.exec(stdout)?.[1];
  assert.ok(planId, `the child printed no plan id: ${stdout}`);
  return { child, planId, dataDir, markerDir, exited, stdout: () => stdout, stderr: () => stderr };
}

export async function killActionChild(running: ActionChild): Promise<void> {
  running.child.kill('SIGKILL');
  assert.equal((await running.exited).signal, 'SIGKILL');
}
