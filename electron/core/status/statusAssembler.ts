import type { Settings } from '../../../shared/config/settingsSchema';
import { severityRank, worstSeverity } from '../../../shared/types/severity';
import type { ModuleId, ModuleSnapshots, StatusCheck, StatusSnapshot } from '../../../shared/types/status';
import type { CollectorResult } from '../monitors/collectorScheduler';
import type { AnyMonitorModule, Assessment, CollectedState, MonitorModule, TrayLine } from '../monitors/monitorModule';

type Maintenance = NonNullable<StatusSnapshot['maintenance']>;

interface CachedAssessment {
  collected: CollectedState<unknown> | undefined;
  settings: Settings;
  assessment: Assessment<unknown>;
}

/**
 * The status from the modules: each module's latest collection, judged by the module's own
 * `assess` (cached until its collection or the settings change), plus the core's own lines
 * (history not being saved, an open maintenance window). Knows no module by name.
 */
export class StatusAssembler {
  private readonly collected = new Map<ModuleId, CollectedState<unknown>>();
  private readonly assessed = new Map<ModuleId, CachedAssessment>();
  private readonly owners = new Map<string, AnyMonitorModule>();
  private storeError: string | null = null;
  private current: StatusSnapshot;

  constructor(
    private readonly modules: readonly AnyMonitorModule[],
    private settings: Settings,
    private readonly now: () => number,
    /** The maintenance window, when one is open (shown as a line and silencing notifications). */
    private readonly maintenance: () => Maintenance | null = () => null,
  ) {
    this.current = this.evaluate();
  }

  applyResult(result: CollectorResult): StatusSnapshot {
    const id = result.collectorId as ModuleId;
    const previous = this.collected.get(id);
    this.collected.set(id, { snapshot: result.output?.snapshot ?? previous?.snapshot ?? null, error: result.error });
    return this.refresh();
  }

  /** Forgets what a module collected (its collector restarts with other settings). */
  forget(id: ModuleId): void {
    this.collected.delete(id);
  }

  setStoreError(message: string | null): void {
    this.storeError = message;
  }

  setSettings(settings: Settings): StatusSnapshot {
    this.settings = settings;
    return this.refresh();
  }

  status(): StatusSnapshot {
    // The window opens and closes on the clock, not on a sample: a stale flag is re-evaluated here.
    if (Boolean(this.maintenance()?.active) !== Boolean(this.current.maintenance?.active)) return this.refresh();
    return this.current;
  }

  refresh(): StatusSnapshot {
    this.current = this.evaluate();
    return this.current;
  }

  /** The module a check came from, if any (history and maintenance lines are the core's own). */
  ownerOf(checkId: string): AnyMonitorModule | null {
    return this.owners.get(checkId) ?? null;
  }

  /** The tray's status lines in module order, then the core's own (the tray menu puts the worst first). */
  trayLines(): TrayLine[] {
    this.status();
    const lines: TrayLine[] = [];
    const fromChecks = (checks: StatusCheck[]) => checks.map((c) => ({ label: c.summary ? `${c.label} — ${c.summary}` : c.label, severity: c.severity }));
    for (const module of this.modules) {
      const assessment = this.assessed.get(module.id)?.assessment;
      if (!assessment) continue;
      const own = (module as MonitorModule).trayLines?.(assessment as Assessment<never>) ?? fromChecks(assessment.checks);
      lines.push(...own);
    }
    const coreChecks = this.current.checks.filter((c) => !this.owners.has(c.id));
    lines.push(...fromChecks(coreChecks));
    return lines;
  }

  private assessmentOf(module: AnyMonitorModule, at: number): Assessment<unknown> {
    const collected = this.collected.get(module.id);
    const cached = this.assessed.get(module.id);
    if (cached && cached.collected === collected && cached.settings === this.settings) return cached.assessment;
    const enabled = module.enabled(this.settings);
    const input = { snapshot: enabled ? (collected?.snapshot ?? null) : null, error: enabled ? (collected?.error ?? null) : null, enabled, settings: this.settings, at };
    const assessment = (module as MonitorModule).assess(input as never) as Assessment<unknown>;
    this.assessed.set(module.id, { collected, settings: this.settings, assessment });
    return assessment;
  }

  private evaluate(): StatusSnapshot {
    const at = this.now();
    const snapshots: Partial<Record<ModuleId, unknown>> = {};
    const checks: StatusCheck[] = [];
    this.owners.clear();
    for (const module of this.modules) {
      const assessment = this.assessmentOf(module, at);
      snapshots[module.id] = assessment.snapshot;
      for (const check of assessment.checks) {
        checks.push(check);
        this.owners.set(check.id, module);
      }
    }
    if (this.storeError) checks.push({ id: 'history', label: 'History', severity: 'warning', summary: this.storeError });
    const overall = worstSeverity(checks.map((c) => c.severity));
    const maintenance = this.maintenance();
    if (maintenance?.active) {
      const until = maintenance.until ? ` until ${new Date(maintenance.until).toTimeString().slice(0, 5)}` : '';
      const summary = `open${until}${maintenance.silenceNonCritical ? ': only critical alerts notify' : ''}`;
      checks.push({ id: 'maintenance', label: 'Maintenance window', severity: 'ok', summary });
    }
    // Worst first; ties keep the modules' order.
    const ordered = checks.map((c, i) => [c, i] as const).sort(([a, i], [b, j]) => severityRank(b.severity) - severityRank(a.severity) || i - j).map(([c]) => c);
    const head = { at, overall, checks: ordered, ...(maintenance?.active ? { maintenance } : {}) };
    return { ...(snapshots as unknown as ModuleSnapshots), ...head };
  }
}
