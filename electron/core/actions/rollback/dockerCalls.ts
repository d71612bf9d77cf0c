import { withDeadline } from '../docker/dockerAdmin';

/** One Docker call with its deadline and the run's signal: every call the rollback code makes goes through one of these. */
export type DockerCall = <T>(what: string, call: (abortSignal: AbortSignal) => Promise<T>) => Promise<T>;

export function dockerCallsFor(signal: AbortSignal, timeoutMs: number): DockerCall {
  return (what, call) => withDeadline(what, timeoutMs, signal, call);
}

/** The Engine's "no such container/image/volume" answer. */
export function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number } | null)?.statusCode === 404;
}

/** The Engine's own message where it gave one (dockerode puts it in `json.message`), else the error's. */
export function dockerMessage(error: unknown): string {
  const json = (error as { json?: { message?: unknown } } | null)?.json;
  if (json && typeof json.message === 'string') return json.message;
  return error instanceof Error ? error.message : String(error);
}
