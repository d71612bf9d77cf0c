// A runbook system for the benches: a temporary data dir whose runbooks folder holds `books`
// (file name → text), a real store file, no schedules, and the bench's own live-message sink.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveMessage } from '../shared/api/live';
import { systemClock } from '../electron/core/clock';
import { silentLogger } from '../electron/core/logger';
import { createDockerClientProvider } from '../electron/core/monitors/docker/dockerClientProvider';
import { createRunbookSystem } from '../electron/core/runbooks/createRunbookSystem';
import { OpsbarStore } from '../electron/core/store/opsbarStore';
import { defaultSettings } from '../shared/config/settingsSchema';
import type { StatusSnapshot } from '../shared/types/status';

export function openBenchRunbookSystem(prefix: string, books: Record<string, string>, publish: (message: LiveMessage) => void) {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const folder = join(dataDir, 'books');
  mkdirSync(folder);
  for (const [name, text] of Object.entries(books)) writeFileSync(join(folder, name), text);
  const { store } = OpsbarStore.open(join(dataDir, 'opsbar.db'));
  const settings = defaultSettings();
  const system = createRunbookSystem({
    dataDir,
    settings: () => settings,
    docker: createDockerClientProvider({ settings: () => settings }),
    store,
    clock: systemClock,
    log: silentLogger,
    publish,
    status: () => ({ overall: 'ok', checks: [] }) as unknown as StatusSnapshot,
    recordEvent: () => {},
    scheduling: false,
    builtinDir: folder,
  });
  return {
    system,
    async close() {
      await system.stop();
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
