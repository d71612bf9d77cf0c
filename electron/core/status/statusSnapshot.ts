import type { StatusSnapshot } from '../../../shared/types/status';
import type { DockerSnapshot } from '../../../shared/types/docker';
import type { SystemSnapshot } from '../../../shared/types/system';
import type { Clock } from '../clock';
import { buildCollectors, builtInCollectors, type CollectorFactory } from '../monitors/registry';
import { configPathIn, loadConfigFile } from '../config/configFile';
import type { Logger } from '../logger';
import { evaluateStatus } from './evaluateStatus';

/** CPU % needs two readings; this is the gap between them for a one-shot snapshot. */
const CPU_SAMPLE_GAP_MS = 250;

export interface OneShotOptions {
  dataDir: string;
  clock: Clock;
  log: Logger;
  collectorFactories?: CollectorFactory[];
}

/** A one-shot status without the store or the background loop (the CLI's `status`). */
export async function takeStatusSnapshot(options: OneShotOptions): Promise<{ status: StatusSnapshot; problems: string[] }> {
  const { settings, problems } = loadConfigFile(configPathIn(options.dataDir));
  const collectors = buildCollectors(options.collectorFactories ?? builtInCollectors, settings, { clock: options.clock, log: options.log });
  const results = new Map<string, { snapshot: unknown; error: string | null }>();
  await Promise.all(
    collectors.map(async (collector) => {
      try {
        if (collector.id === 'system') {
          await collector.collect();
          await new Promise((resolve) => setTimeout(resolve, CPU_SAMPLE_GAP_MS));
        }
        results.set(collector.id, { snapshot: (await collector.collect()).snapshot, error: null });
      } catch (error) {
        results.set(collector.id, { snapshot: null, error: (error as Error).message });
      } finally {
        await collector.stop?.();
      }
    }),
  );
  const system = results.get('system');
  const status = evaluateStatus({
    at: options.clock.now(),
    system: (system?.snapshot as SystemSnapshot | null) ?? null,
    systemError: system?.error ?? null,
    docker: (results.get('docker')?.snapshot as DockerSnapshot | null) ?? null,
    dockerEnabled: settings.docker.enabled,
    thresholds: settings.thresholds,
  });
  return { status, problems: problems.map((p) => `Config ${p.path}: ${p.message}`) };
}
