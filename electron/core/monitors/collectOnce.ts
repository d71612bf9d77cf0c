import type { Settings } from '../../../shared/config/settingsSchema';
import type { Clock } from '../clock';
import type { CollectorResult } from './collectorScheduler';
import type { AnyMonitorModule, MonitorDeps, MonitorModule } from './monitorModule';

/**
 * One reading of each given module, for a one-shot status (the CLI): start, take the module's
 * readings (`oneShot`, e.g. two for CPU %), stop. Every module runs at once; a failure is a result.
 */
export async function collectOnce(modules: readonly AnyMonitorModule[], settings: Settings, deps: MonitorDeps, clock: Clock): Promise<CollectorResult[]> {
  const enabled = modules.filter((m) => m.enabled(settings));
  return Promise.all(
    enabled.map(async (module): Promise<CollectorResult> => {
      const readings = Math.max(1, module.oneShot?.readings ?? 1);
      let collector;
      try {
        collector = await (module as MonitorModule).createCollector(settings, deps);
        await collector.start?.({ emitEvent: () => undefined, requestCollect: () => undefined });
        let output = await collector.collect();
        for (let i = 1; i < readings; i++) {
          await new Promise<void>((resolve) => clock.setTimeout(resolve, module.oneShot?.gapMs ?? 250));
          output = await collector.collect();
        }
        return { collectorId: module.id, at: clock.now(), output, error: null };
      } catch (error) {
        return { collectorId: module.id, at: clock.now(), output: null, error: (error as Error).message || String(error) };
      } finally {
        await collector?.stop?.();
      }
    }),
  );
}
