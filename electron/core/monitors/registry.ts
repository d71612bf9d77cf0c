import type { Settings } from '../../../shared/config/settingsSchema';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Collector } from './collector';
import { createDockerCollector } from './docker';
import { createSystemCollector } from './system';

export interface CollectorDeps {
  clock: Clock;
  log: Logger;
}

/** A monitor plug-in's entry: its id, when it is on, and how to build it from the settings. */
export interface CollectorFactory {
  id: string;
  enabled(settings: Settings): boolean;
  create(settings: Settings, deps: CollectorDeps): Collector;
}

/** The built-in monitors. Adding one is adding a folder and a line here. */
export const builtInCollectors: CollectorFactory[] = [
  { id: 'system', enabled: () => true, create: (settings, deps) => createSystemCollector(settings, deps) },
  { id: 'docker', enabled: (settings) => settings.docker.enabled, create: (settings, deps) => createDockerCollector(settings, deps) },
];

export function buildCollectors(factories: CollectorFactory[], settings: Settings, deps: CollectorDeps): Collector[] {
  return factories.filter((f) => f.enabled(settings)).map((f) => f.create(settings, deps));
}
