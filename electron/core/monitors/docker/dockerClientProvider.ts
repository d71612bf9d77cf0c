import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { DockerApi } from './dockerApi';
import { describeEndpoint, resolveDockerEndpoint, type DockerEndpoint, type DockerEndpointResolution } from './dockerEndpoint';

/** The Docker Engine client for whatever the settings say now (runbook steps, GPU → container). */
export interface DockerClientProvider {
  /** The client and where it points; `api` is null when Docker is off or no socket was found. */
  current(): { api: DockerApi | null; resolution: DockerEndpointResolution | null; enabled: boolean };
}

export interface DockerClientProviderOptions {
  settings: () => Pick<Settings, 'docker'>;
  env?: Readonly<Record<string, string | undefined>>;
  homedir?: string;
  exists?: (path: string) => boolean;
  /** Builds the client (the bounded Engine API client, loaded on first use). */
  createClient?: (endpoint: DockerEndpoint) => DockerApi;
}

/**
 * Follows settings changes: each call resolves the endpoint from the current `docker.endpoint`
 * (cheap: a few `existsSync`), and builds a new client only when it points somewhere else. So a
 * changed endpoint reaches runbook steps at once, without a restart.
 */
export function createDockerClientProvider(options: DockerClientProviderOptions): DockerClientProvider {
  let cached: { label: string; api: DockerApi } | null = null;
  const createClient =
    options.createClient ??
    ((endpoint: DockerEndpoint) => {
      // Loaded on first use: hosts without Docker never load the Engine API client.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createDockerApi } = require('./dockerApi') as typeof import('./dockerApi');
      return createDockerApi(endpoint);
    });
  return {
    current() {
      const docker = options.settings().docker;
      if (!docker.enabled) return { api: null, resolution: null, enabled: false };
      const resolution = resolveDockerEndpoint({
        configured: docker.endpoint,
        env: options.env ?? process.env,
        homedir: options.homedir ?? homedir(),
        exists: options.exists ?? existsSync,
      });
      if (!resolution.chosen) return { api: null, resolution, enabled: true };
      const label = describeEndpoint(resolution.chosen);
      if (cached?.label !== label) {
        try {
          cached = { label, api: createClient(resolution.chosen) };
        } catch {
          cached = null;
          return { api: null, resolution, enabled: true };
        }
      }
      return { api: cached.api, resolution, enabled: true };
    },
  };
}
