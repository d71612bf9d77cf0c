import type { NewOpsEvent } from '../../../shared/types/events';
import type { Settings } from '../../../shared/config/settingsSchema';
import type { ModuleId } from '../../../shared/types/status';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { CollectorScheduler, type CollectorResult } from './collectorScheduler';
import type { AnyMonitorModule, MonitorDeps, MonitorModule } from './monitorModule';

export interface ModuleRunnerSinks {
  onResult(result: CollectorResult): void;
  onEvent(event: NewOpsEvent): void;
  /** A module stopped or restarted: what it collected before no longer holds. */
  onReset(id: ModuleId): void;
}

interface Running {
  key: string;
  scheduler: CollectorScheduler | null;
}

/**
 * Runs each enabled module's collector on its own scheduler, and on a settings change restarts
 * only the modules whose collection settings changed (thresholds apply without a restart).
 */
export class ModuleRunner {
  private readonly running = new Map<ModuleId, Running>();

  constructor(
    private readonly modules: readonly AnyMonitorModule[],
    private readonly deps: MonitorDeps,
    private readonly sinks: ModuleRunnerSinks,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Starts every enabled module; resolves when each has its first result. */
  async start(settings: Settings): Promise<void> {
    await Promise.all(this.modules.map((module) => this.startModule(module, settings)));
  }

  /** Restarts the modules whose collection settings (or on/off) changed; returns their ids. */
  async apply(settings: Settings): Promise<ModuleId[]> {
    const changed = this.modules.filter((module) => this.running.get(module.id)?.key !== keyOf(module, settings));
    await Promise.all(
      changed.map(async (module) => {
        await this.stopModule(module.id);
        this.sinks.onReset(module.id);
        await this.startModule(module, settings);
      }),
    );
    return changed.map((m) => m.id);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stopModule(id)));
  }

  private async startModule(module: AnyMonitorModule, settings: Settings): Promise<void> {
    const entry: Running = { key: keyOf(module, settings), scheduler: null };
    this.running.set(module.id, entry);
    if (!module.enabled(settings)) return;
    const scheduler = new CollectorScheduler(this.clock, this.sinks, this.log);
    entry.scheduler = scheduler;
    try {
      const collector = await (module as MonitorModule).createCollector(settings, this.deps);
      if (this.running.get(module.id) !== entry) return; // stopped while loading
      await scheduler.start([collector]);
    } catch (error) {
      this.log.warn(`${module.label} monitor could not start: ${(error as Error).message}`);
      this.sinks.onResult({ collectorId: module.id, at: this.clock.now(), output: null, error: `${module.label} monitor could not start: ${(error as Error).message}` });
    }
  }

  private async stopModule(id: ModuleId): Promise<void> {
    const entry = this.running.get(id);
    this.running.delete(id);
    await entry?.scheduler?.stop();
  }
}

function keyOf(module: AnyMonitorModule, settings: Settings): string {
  return JSON.stringify([module.enabled(settings), module.enabled(settings) ? module.collectionSettings(settings) : null]);
}
