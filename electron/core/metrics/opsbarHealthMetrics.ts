import type { Registry } from 'prom-client';
import type { Settings } from '../../../shared/config/settingsSchema';
import type { ModuleId, StatusSnapshot } from '../../../shared/types/status';
import { builtInModules } from '../monitors/registry';
import { GaugeGroup } from './gaugeGroup';

const SPECS = {
  opsbar_up: { help: 'Always 1 while Opsbar answers a scrape (Prometheus\' own `up` says whether it was reached).' },
  opsbar_build_info: { help: 'Opsbar\'s version, as a label; the value is 1.', labels: ['version'] },
  opsbar_store_writable: { help: '1 while the history is being saved to its file; 0 while it is kept in memory.' },
  opsbar_collection_errors: { help: '1 when a module\'s last collection failed (the status says why), else 0.', labels: ['module'] },
  opsbar_last_collection_timestamp_seconds: { help: 'When a module was last read (Unix time).', labels: ['module'] },
} as const;

/**
 * Whether a module's last collection failed, read from its snapshot: each module says so in its
 * own shape. A module that finds no hardware (no nvidia-smi) has not failed; one turned off is skipped.
 */
const COLLECTION_FAILED: { [Id in ModuleId]: (status: StatusSnapshot) => boolean } = {
  system: (s) => s.system === null,
  docker: (s) => !s.docker.available && s.docker.error !== null,
  gpu: (s) => s.gpu.state === 'unknown',
  models: (s) => s.models.state === 'unknown',
  // A check that fails is the check's alert (`http.down`), not a failed collection.
  http: () => false,
};

/** The id of the core's own status line while the history cannot be written (statusAssembler.ts). */
const HISTORY_CHECK_ID = 'history';

/** Opsbar's own health: up, version, store, and each module's last collection. */
export class OpsbarHealthMetrics {
  private readonly gauges: GaugeGroup<keyof typeof SPECS>;

  constructor(
    registry: Registry,
    private readonly version: string,
  ) {
    this.gauges = new GaugeGroup(registry, SPECS);
  }

  fill(status: StatusSnapshot, settings: Settings): void {
    const g = this.gauges;
    g.reset();
    g.set('opsbar_up', 1);
    g.set('opsbar_build_info', 1, { version: this.version });
    g.set('opsbar_store_writable', status.checks.some((c) => c.id === HISTORY_CHECK_ID) ? 0 : 1);
    for (const [module, failed] of Object.entries(COLLECTION_FAILED) as [ModuleId, (s: StatusSnapshot) => boolean][]) {
      const enabled = builtInModules.find((m) => m.id === module)?.enabled(settings) ?? true;
      g.set('opsbar_collection_errors', enabled && failed(status) ? 1 : 0, { module });
      const at = (status[module] as { at?: number } | null)?.at;
      if (typeof at === 'number') g.set('opsbar_last_collection_timestamp_seconds', at / 1000, { module });
    }
  }
}
