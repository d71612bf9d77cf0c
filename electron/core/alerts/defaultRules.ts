import type { Settings } from '../../../shared/config/settingsSchema';
import type { AlertSeverity } from '../../../shared/types/alerts';

/** One alert kind's rule with every field settled (ms for durations). */
export interface AlertRule {
  enabled: boolean;
  /** Replaces the condition's own severity while it holds. */
  severity: AlertSeverity | null;
  forMs: number;
  clearForMs: number;
  clearMargin: number;
  /** A critical alert still firing this long after it fired becomes an emergency; null: never. */
  emergencyAfterMs: number | null;
}

type RuleDefaults = Partial<AlertRule>;

/** What every kind gets unless its own default or the config says otherwise. */
export const GENERIC_RULE: AlertRule = { enabled: true, severity: null, forMs: 0, clearForMs: 60_000, clearMargin: 2, emergencyAfterMs: null };

/**
 * Built-in defaults per kind (the figures). A died container or an OOM kill fires at
 * once; a container caught restarting waits 30 s, so that a restart loop is its one alert; CPU
 * and memory must hold two minutes, GPU memory one; a model server must be down 30 s (a
 * configured one becomes an emergency after 5 min; an autodetected one is only a warning, and
 * emergencyAfter escalates criticals only); a slow model fires at once (its check needs two probes).
 */
export const DEFAULT_RULES: Readonly<Record<string, RuleDefaults>> = {
  'container.exited': { forMs: 0 },
  'container.oom': { forMs: 0 },
  'container.restart_loop': { forMs: 0 },
  'container.unhealthy': { forMs: 0 },
  // Restarting between two crashes: the restart loop (three restarts) says it first, and alone.
  'container.restarting': { forMs: 30_000 },
  'gpu.memory': { forMs: 60_000 },
  'memory.high': { forMs: 120_000 },
  'cpu.*': { forMs: 120_000 },
  'model.down': { forMs: 30_000, emergencyAfterMs: 300_000 },
  'model.slow': { forMs: 0 },
  // A health check is down after its failures in a row (the debounce): it fires at once and recovers at the first good answer.
  'http.down': { forMs: 0, clearForMs: 0 },
};

/** The default of a kind: its own entry, else a `family.*` entry (`cpu.*`). */
function builtInFor(kind: string): RuleDefaults {
  const own = DEFAULT_RULES[kind];
  if (own) return own;
  const family = kind.split('.')[0];
  return DEFAULT_RULES[`${family}.*`] ?? {};
}

/** The rule of a kind: config `alerts.rules[kind]` field by field over the built-in default, over the generic rule. */
export function ruleFor(kind: string, settings: Settings['alerts']): AlertRule {
  const configured = settings.rules[kind] ?? {};
  const base = { ...GENERIC_RULE, ...builtInFor(kind) };
  return {
    enabled: configured.enabled ?? base.enabled,
    severity: configured.severity ?? base.severity,
    forMs: configured.for ?? base.forMs,
    clearForMs: configured.clearFor ?? base.clearForMs,
    clearMargin: configured.clearMargin ?? base.clearMargin,
    emergencyAfterMs: configured.emergencyAfter ?? base.emergencyAfterMs,
  };
}
