// A fake OpsbarClient over the fixtures: records calls, answers from a handler table, pushes live messages.
import { settingsSchemaView } from '../../electron/core/config/settingsSchemaView';
import type { ApiMethod, ApiPayload, ApiResult } from '../../shared/api/contract';
import type { LiveMessage } from '../../shared/api/live';
import { ApiCallError, ConnectionStore, type ConnectionStatus, type Transport } from '../../renderer/src/transport';
import { noGpuSnapshot } from '../support/statusFixtures';
import { dockerSnapshot, history, NOW, opsEvent, settingsView, statusSnapshot } from './fixtures';
import { hostInventory } from './gpuFixtures';
import { library, run, runbook, schedules } from './runbookFixtures';

export type FakeHandlers = { [M in ApiMethod]?: (payload: ApiPayload<M>) => ApiResult<M> | Promise<ApiResult<M>> };

export interface FakeTransport extends Transport {
  calls: Array<{ method: ApiMethod; payload: unknown }>;
  emit(message: LiveMessage): void;
  setConnection(status: ConnectionStatus): void;
  listenerCount(): number;
}

export const defaultHandlers: FakeHandlers = {
  'status.get': () => statusSnapshot(),
  'docker.stacks': () => dockerSnapshot(),
  'events.list': (p) => [1, 2, 3].map((id) => opsEvent(id)).filter((e) => p.subject === undefined || e.subject === p.subject),
  'history.query': (p) => history(p.series, [12, 18, 25, 22, 40, 31]),
  'history.series': () => ['cpu.percent', 'memory.percent'],
  'settings.get': () => settingsView(),
  'runbooks.list': () => library(),
  'runbooks.get': (p) => runbook({ ...library().runbooks.find((r) => r.id === p.id) }),
  'runbooks.run': (p) => run({ id: p.runId }),
  'runbooks.runs': () => [run({ id: 42 }), run({ id: 41, state: 'failed', endedAt: run().startedAt + 65_000, summary: '1 step failed' })],
  'runbooks.schedules': () => schedules(),
  // A host without GPUs, as in the status fixture's `gpu` section; gpuHandlers() gives one with two cards.
  'gpu.snapshot': () => noGpuSnapshot(NOW),
  'inventory.get': () => hostInventory({ gpus: [] }),
  // A quiet host: nothing fires, no incident, desktop notifications only (alertFixtures.ts has busier ones).
  'alerts.list': () => ({ at: NOW, alerts: [], worstFiring: null }),
  'incidents.list': () => [],
  'incidents.weekly': () => [],
  'notifications.channels': () => [],
  'audit.list': () => [],
  // A container row's log: quiet and not following (containerLogs.test.tsx drives a live one).
  'logs.open': (p) => ({ sessionId: 'fake-session-1', containerId: 'c'.repeat(64), containerName: p.container, tty: false, following: false, lines: [] }),
  'logs.keepAlive': () => ({ open: false }),
  'logs.close': () => ({ closed: false }),
  // The Settings page's forms: the real sections' JSON Schema (test files may import the core; the bundle never does).
  'settings.schema': () => settingsSchemaView(),
};

export function createFakeTransport(overrides: FakeHandlers = {}, connection: ConnectionStatus = 'connected'): FakeTransport {
  const handlers: FakeHandlers = { ...defaultHandlers, ...overrides };
  const listeners = new Set<(message: LiveMessage) => void>();
  const store = new ConnectionStore(connection);
  const calls: FakeTransport['calls'] = [];
  return {
    kind: 'http',
    connection: store,
    calls,
    client: {
      async call<M extends ApiMethod>(method: M, payload: ApiPayload<M>): Promise<ApiResult<M>> {
        calls.push({ method, payload });
        const handler = handlers[method] as ((p: ApiPayload<M>) => ApiResult<M> | Promise<ApiResult<M>>) | undefined;
        if (!handler) throw new ApiCallError('unknown_method', `No fake for ${method}`);
        return handler(payload);
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    emit(message) {
      for (const listener of [...listeners]) listener(message);
    },
    setConnection(status) {
      store.set(status);
    },
    listenerCount: () => listeners.size,
  };
}
