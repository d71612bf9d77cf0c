import { NotFoundError, UnavailableError } from '../api/dispatcher';
import type { DockerClientProvider } from '../monitors/docker/dockerClientProvider';
import type { DockerEndpoint, DockerEndpointResolution } from '../monitors/docker/dockerEndpoint';
import { describeDockerFailure, describeNoEndpoint } from '../monitors/docker/dockerErrors';
import { LogRequestError } from './dockerLogStream';

/** Where the logs are read from now, and how a failure there is worded. */
export interface LogEngine {
  endpoint: DockerEndpoint;
  /** A failed call as an error the API answers with: NotFoundError for a 404, else UnavailableError with the monitor's sentence. */
  explain(error: unknown, ref: string): Error;
}

/** The endpoint the settings point at, or UnavailableError saying why there is none. */
export function resolveLogEngine(docker: DockerClientProvider): LogEngine {
  const current = docker.current();
  if (!current.enabled) throw new UnavailableError('Docker is turned off in the settings (docker.enabled): turn it on to read container logs.');
  const resolution = current.resolution as DockerEndpointResolution;
  if (!resolution.chosen) throw new UnavailableError(describeNoEndpoint(resolution));
  return {
    endpoint: resolution.chosen,
    explain(error, ref) {
      if (error instanceof LogRequestError && error.statusCode === 404) return new NotFoundError(`No container named "${ref}" (docker ps -a lists them).`);
      return new UnavailableError(describeDockerFailure(error, resolution, 'reading a container log'));
    },
  };
}
