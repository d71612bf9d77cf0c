import type { ModelsSnapshot } from '../../shared/types/models';
import type { TrayMenuItem } from './trayMenu';

/**
 * The tray's "Probe models now" item: shown only when some model server has a model loaded
 * (a probe never loads one by itself), disabled while a probe runs so that a second click does
 * not queue another. Labels carry model names (untrusted): the menu builder sanitises them. Its result arrives as the models' tray lines ("qwen3:8b · 42 tok/s · …").
 */
export function modelProbeItems(models: ModelsSnapshot | null | undefined, onProbe: () => void): TrayMenuItem[] {
  const endpoints = Array.isArray(models?.endpoints) ? models.endpoints : [];
  const loaded = endpoints.filter((e) => e.up).flatMap((e) => (Array.isArray(e.models) ? e.models.filter((m) => m.loaded) : []));
  if (loaded.length === 0) return [];
  const running = endpoints.map((e) => e.probe?.inFlight).find((f) => f);
  if (running) return [{ type: 'normal', label: `Probing ${running.model}…`, enabled: false }];
  const label = loaded.length === 1 ? `Probe ${loaded[0].name} now` : `Probe ${loaded.length} loaded models now`;
  return [{ type: 'normal', label, enabled: true, click: onProbe }];
}
