import { DockerTimeoutError } from './callWithDeadline';
import { describeEndpoint, type DockerEndpointResolution } from './dockerEndpoint';
import { DockerReplyCutError, DockerReplyInvalidError, DockerReplyTooLargeError } from './engineReplyErrors';

const START_HINT = 'Start Docker Desktop, Colima or dockerd, or set docker.endpoint in the config.';

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function statusCode(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

function alsoTried(resolution: DockerEndpointResolution): string {
  const others = resolution.candidates.filter((c) => c !== resolution.chosen).map(describeEndpoint);
  return others.length > 0 ? ` (also tried ${others.join(', ')})` : '';
}

function ignoredNote(resolution: DockerEndpointResolution): string {
  return resolution.ignored.map((i) => ` Ignored ${i.value}: ${i.reason}.`).join('');
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

/** Why no endpoint could even be chosen. */
export function describeNoEndpoint(resolution: DockerEndpointResolution): string {
  const invalid = resolution.ignored.find((i) => !i.value.startsWith('DOCKER_HOST='));
  if (invalid) {
    return `docker.endpoint "${invalid.value}" is not usable: ${invalid.reason}. Fix docker.endpoint in the config, or leave it empty to autodetect.`;
  }
  const [first, ...rest] = resolution.candidates.map(describeEndpoint);
  const tried = rest.length > 0 ? ` (also tried ${rest.join(', ')})` : '';
  return `Docker is not running: no socket found at ${first ?? '/var/run/docker.sock'}${tried}. ${START_HINT}${ignoredNote(resolution)}`;
}

/**
 * Turns a failed Docker call into a sentence the operator can act on: what is wrong, where
 * Opsbar looked, and what to do about it.
 */
export function describeDockerFailure(error: unknown, resolution: DockerEndpointResolution, what: string): string {
  const chosen = resolution.chosen;
  if (!chosen) return describeNoEndpoint(resolution);
  const where = describeEndpoint(chosen);
  const configured = chosen.source === 'configured';
  const code = errorCode(error);

  if (error instanceof DockerTimeoutError) {
    return `Docker did not answer within ${Math.round(error.timeoutMs / 100) / 10} s at ${where} (${what}): the engine looks hung or overloaded. Restart Docker; Opsbar reconnects by itself.`;
  }
  if (error instanceof DockerReplyTooLargeError) {
    return `The Docker engine at ${where} sent a reply over ${mebibytes(error.limitBytes)} to ${error.request}; not read. Check what answers at ${where} (docker.endpoint in the config), or restart Docker.`;
  }
  if (error instanceof DockerReplyInvalidError) {
    return `The Docker engine at ${where} answered ${error.request} with something that is not ${error.expected} (${error.problem}). Check that ${where} is a Docker engine (docker.endpoint in the config).`;
  }
  if (error instanceof DockerReplyCutError) {
    return `The Docker engine at ${where} closed the connection in the middle of the reply to ${error.request} (${what}). Restart Docker if it keeps happening.`;
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return `Opsbar is not allowed to use the Docker socket at ${where} (permission denied). Add your user to the docker group and log in again, or set docker.endpoint to a socket you may use.`;
  }
  if (code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE') {
    if (chosen.kind === 'tcp') {
      return `Docker is not answering at ${where} (${code}). Start the engine there, or fix docker.endpoint in the config.`;
    }
    if (configured) {
      return `Docker is not running at the configured endpoint: no socket answered at ${where}. Start the engine, or fix docker.endpoint in the config.`;
    }
    return `Docker is not running: no socket answered at ${where}${alsoTried(resolution)}. ${START_HINT}${ignoredNote(resolution)}`;
  }
  if (code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
    return `Docker at ${where} cannot be reached (${code}). Check the host and network, or fix docker.endpoint in the config.`;
  }
  const status = statusCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status !== undefined) {
    return `The Docker engine at ${where} answered with an error (${what}): ${message.trim()}`;
  }
  return `Opsbar could not talk to Docker at ${where} (${what}): ${message}`;
}
