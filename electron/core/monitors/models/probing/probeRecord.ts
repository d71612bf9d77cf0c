/**
 * A measured probe as it is shown and stored. The headline figures are the client's: Opsbar timed
 * them the same way on every server. Only where the client could not measure decode itself (fewer
 * than two token chunks) or could only estimate it (no token count came back) does the server's
 * own decode rate, when it gave one, become the headline, and `source` says `server`.
 */
import type { ModelProbeRecord } from '../../../../../shared/types/models';
import type { ProbeSuccess } from '../probe';

export interface ProbeContext {
  endpoint: string;
  /** The model asked for: the key of the history (a server may answer with another spelling). */
  model: string;
  at: number;
  trigger: ModelProbeRecord['trigger'];
}

export function toProbeRecord(result: ProbeSuccess, context: ProbeContext): ModelProbeRecord {
  const serverDecode = result.server?.decodeTokensPerSecond ?? null;
  const clientWeak = result.decodeTokensPerSecond === null || result.estimated;
  const useServer = clientWeak && serverDecode !== null;
  return {
    endpoint: context.endpoint,
    model: context.model,
    at: context.at,
    ttftMs: result.ttftMs,
    decodeTokensPerSecond: useServer ? serverDecode : result.decodeTokensPerSecond,
    prefillTokensPerSecond: result.prefillTokensPerSecond,
    completionTokens: result.completionTokens,
    promptTokens: result.promptTokens,
    totalMs: result.totalMs,
    source: useServer ? 'server' : 'client',
    estimated: result.estimated,
    cold: result.cold,
    client: {
      ttftMs: result.ttftMs,
      decodeTokensPerSecond: result.decodeTokensPerSecond,
      prefillTokensPerSecond: result.prefillTokensPerSecond,
      tokenChunks: result.tokenChunks,
    },
    server: result.server,
    trigger: context.trigger,
  };
}
