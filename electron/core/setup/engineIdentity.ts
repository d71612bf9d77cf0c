import { parseDockerEndpoint } from '../monitors/docker/dockerEndpoint';
import { createEngineHttp } from '../monitors/docker/engineHttp';
import type { EngineIdentity } from './dockerKind';

/** /version and /info are a few KB; more is not an engine worth believing. */
const MAX_IDENTITY_BYTES = 1024 * 1024;

/** Reads which engine answers at `endpoint` (a socket path or tcp:// URL, as the Docker snapshot names it). */
export type EngineIdentityReader = (endpoint: string, signal: AbortSignal) => Promise<EngineIdentity>;

/** The production reader: the bounded Engine HTTP client, the two GETs at once; a failed /info still gives /version. */
export const readEngineIdentity: EngineIdentityReader = async (endpoint, signal) => {
  const parsed = parseDockerEndpoint(endpoint, 'configured');
  if (!parsed.ok) throw new Error(`${endpoint}: ${parsed.reason}`);
  const http = createEngineHttp(parsed.endpoint);
  const [version, info] = await Promise.allSettled([http.getJson('/version', signal, MAX_IDENTITY_BYTES), http.getJson('/info', signal, MAX_IDENTITY_BYTES)]);
  if (version.status === 'rejected' && info.status === 'rejected') throw version.reason;
  return { version: version.status === 'fulfilled' ? version.value : null, info: info.status === 'fulfilled' ? info.value : null };
};
