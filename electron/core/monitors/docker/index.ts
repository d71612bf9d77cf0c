import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type { Settings } from '../../../../shared/config/settingsSchema';
import { systemClock, type Clock } from '../../clock';
import type { DockerApi } from './dockerApi';
import { DockerCollector } from './dockerCollector';
import type { DockerEndpoint } from './dockerEndpoint';

export { DockerCollector, type DockerCollectorOptions } from './dockerCollector';
export { resolveDockerEndpoint, describeEndpoint, type DockerEndpoint, type DockerEndpointResolution } from './dockerEndpoint';
export type { DockerApi } from './dockerApi';
export { createDockerClientProvider, type DockerClientProvider } from './dockerClientProvider';
export { dockerModule } from './dockerModule';

export interface DockerCollectorDeps {
  clock?: Clock;
  env?: Readonly<Record<string, string | undefined>>;
  homedir?: string;
  exists?: (path: string) => boolean;
  createClient?: (endpoint: DockerEndpoint) => DockerApi;
}

/** The Docker collector from settings, with the real environment unless deps say otherwise. */
export function createDockerCollector(
  settings: Pick<Settings, 'monitoring' | 'docker'>,
  deps: DockerCollectorDeps = {},
): DockerCollector {
  return new DockerCollector({
    endpoint: {
      configured: settings.docker.endpoint,
      env: deps.env ?? process.env,
      homedir: deps.homedir ?? homedir(),
      exists: deps.exists ?? existsSync,
    },
    intervalMs: settings.monitoring.dockerIntervalMs,
    statsConcurrency: settings.monitoring.dockerStatsConcurrency,
    clock: deps.clock ?? systemClock,
    createClient: deps.createClient,
  });
}
