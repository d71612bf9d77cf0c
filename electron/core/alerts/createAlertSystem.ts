import type { AlertSystem, AlertSystemDeps } from './alertSystem';

/** STUB (the alerts engineer replaces it): no alerts. */
export function createAlertSystem(deps: AlertSystemDeps): AlertSystem {
  return {
    evaluate: () => [],
    observeEvent: () => undefined,
    tick: () => [],
    snapshot: () => ({ at: deps.clock.now(), alerts: [], worstFiring: null }),
    setIncident: () => undefined,
    silences: {
      list: () => [],
      add: (input) => ({ ...input, id: 1, createdAt: deps.clock.now() }),
      remove: () => false,
      matching: () => null,
    },
  };
}
