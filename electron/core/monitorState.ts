import type { Settings } from '../../shared/config/settingsSchema';
import type { DockerSnapshot } from '../../shared/types/docker';
import type { StatusSnapshot } from '../../shared/types/status';
import type { SystemSnapshot } from '../../shared/types/system';
import type { CollectorResult } from './monitors/collectorScheduler';
import { evaluateStatus } from './status/evaluateStatus';

/** The latest snapshot of each collector, and the status evaluated from them. */
export class MonitorState {
  private system: SystemSnapshot | null = null;
  private systemError: string | null = null;
  private docker: DockerSnapshot | null = null;
  private storeError: string | null = null;
  private current: StatusSnapshot;

  constructor(
    private settings: Settings,
    private readonly now: () => number,
    /** The maintenance window, when one is open (shown as a line and silencing notifications). */
    private readonly maintenance: () => StatusSnapshot['maintenance'] | null = () => null,
  ) {
    this.current = this.evaluate();
  }

  applyResult(result: CollectorResult): StatusSnapshot {
    if (result.collectorId === 'system') {
      this.system = (result.output?.snapshot as SystemSnapshot | undefined) ?? this.system;
      this.systemError = result.error;
    } else if (result.collectorId === 'docker') {
      this.docker = result.output
        ? (result.output.snapshot as DockerSnapshot)
        : { at: result.at, available: false, endpoint: this.docker?.endpoint ?? null, error: result.error, engineVersion: null, stacks: [] };
    }
    return this.refresh();
  }

  setStoreError(message: string | null): void {
    this.storeError = message;
  }

  setSettings(settings: Settings): StatusSnapshot {
    this.settings = settings;
    if (!settings.docker.enabled) this.docker = null;
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

  private evaluate(): StatusSnapshot {
    const status = this.evaluateChecks();
    const maintenance = this.maintenance();
    if (!maintenance?.active) return status;
    const until = maintenance.until ? ` until ${new Date(maintenance.until).toTimeString().slice(0, 5)}` : '';
    const summary = `open${until}${maintenance.silenceNonCritical ? ': only critical alerts notify' : ''}`;
    return { ...status, maintenance, checks: [...status.checks, { id: 'maintenance', label: 'Maintenance window', severity: 'ok', summary }] };
  }

  private evaluateChecks(): StatusSnapshot {
    return evaluateStatus({
      at: this.now(),
      system: this.system,
      systemError: this.systemError,
      docker: this.docker,
      dockerEnabled: this.settings.docker.enabled,
      thresholds: this.settings.thresholds,
      storeError: this.storeError,
    });
  }
}
