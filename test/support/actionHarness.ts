import Database from 'better-sqlite3';
import { join } from 'node:path';
import { after } from 'node:test';
import type { ActionDeps, AnyActionPlugin } from '../../electron/core/actions/actionPlugin';
import type { ActionSystem } from '../../electron/core/actions/actionSystem';
import { createActionSystem } from '../../electron/core/actions/createActionSystem';
import type { Clock } from '../../electron/core/clock';
import { silentLogger } from '../../electron/core/logger';
import { OpsbarStore } from '../../electron/core/store/opsbarStore';
import type { LiveMessage } from '../../shared/api/live';
import { defaultSettings, type Settings } from '../../shared/config/settingsSchema';
import type { ActionOutcome } from '../../shared/types/actions';
import { recordingPlugin } from './actionTestPlugin';
import { tempDir } from './tempDir';
import { TestClock } from './testClock';

export interface ActionHarness<C extends Clock = TestClock> {
  dataDir: string;
  dbFile: string;
  lockPath: string;
  clock: C;
  store: OpsbarStore;
  system: ActionSystem;
  /** Every live `action` message, in order. */
  messages: ActionOutcome[];
  /** The audit rows as another connection to the file reads them (what is durable), oldest first. */
  auditRows(): { action: string; outcome: string; target: string; details: Record<string, unknown> }[];
  close(): void;
}

const unused = (what: string) => () => {
  throw new Error(`the plugin under test does not use ${what}`);
};

/**
 * An action system on a real SQLite file in a fresh data dir, with the test clock, collecting
 * its live messages. `dataDir` shares one host lock between two harnesses (two "processes");
 * `clock` at today's time makes plans another process (the real CLI) may still execute.
 * `deps` gives a plugin the real parts it uses (the container action: the Docker provider and admin).
 */
export function actionHarness<C extends Clock = TestClock>(
  plugins: readonly AnyActionPlugin[],
  options: { dataDir?: string; settings?: Settings; clock?: C; deps?: Partial<ActionDeps> } = {},
): ActionHarness<C> {
  const dataDir = options.dataDir ?? tempDir('opsbar-actions-');
  const dbFile = join(dataDir, 'opsbar.db');
  const clock = options.clock ?? (new TestClock() as Clock as C);
  const { store } = OpsbarStore.open(dbFile, { now: () => clock.now() });
  const settings = options.settings ?? defaultSettings();
  const deps = {
    clock,
    log: silentLogger,
    settings: () => settings,
    dataDir,
    docker: { current: unused('docker') },
    dockerAdmin: unused('dockerAdmin'),
    commands: { run: unused('commands') },
    status: unused('status'),
    collect: unused('collect'),
    store: () => store,
    snapshots: {},
    ownPids: () => [process.pid],
    fetch: unused('fetch'),
    ...options.deps,
  } as unknown as ActionDeps;
  const messages: ActionOutcome[] = [];
  const lockPath = join(dataDir, 'action.lock');
  const system = createActionSystem({
    plugins,
    deps,
    log: () => store.actions,
    audit: (entry) => store.addAudit(entry),
    publish: (message: LiveMessage) => {
      if (message.type === 'action') messages.push(message.outcome);
    },
    lockPath,
    role: 'cli',
  });
  const reader = new Database(dbFile, { readonly: true });
  return {
    dataDir,
    dbFile,
    lockPath,
    clock,
    store,
    system,
    messages,
    auditRows: () =>
      (reader.prepare('SELECT action, outcome, target, details FROM audit ORDER BY id').all() as { action: string; outcome: string; target: string; details: string }[]).map((r) => ({
        ...r,
        details: JSON.parse(r.details) as Record<string, unknown>,
      })),
    close: () => {
      reader.close();
      store.close();
    },
  };
}

/**
 * A harness per test with one recording plugin, closed when the file ends:
 *
 *   const { plugin, h } = recordingSetup({ items: [{ id: 'a' }] });
 */
export function recordingSetup(...args: Parameters<typeof recordingPlugin>): { plugin: ReturnType<typeof recordingPlugin>; h: ActionHarness } {
  const plugin = recordingPlugin(...args);
  const h = actionHarness([plugin]);
  openHarnesses.push(h);
  return { plugin, h };
}

const openHarnesses: ActionHarness[] = [];
after(() => openHarnesses.splice(0).forEach((h) => h.close()));
