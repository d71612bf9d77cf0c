/**
 * The model probe: one small streamed generation, timed from the client (TTFT, decode and
 * prefill tokens/s, end-to-end time) with the server's own figures beside them.
 * `streamProbe` speaks OpenAI-style SSE (`/v1/chat/completions`, or LM Studio's
 * `/api/v0/chat/completions` for its `stats`); `ollamaChatProbe` speaks Ollama's NDJSON `/api/chat`.
 */
export { streamProbe } from './streamProbe';
export { ollamaChatProbe } from './ollamaChatProbe';
export { OLLAMA_COLD_LOAD_MS } from './serverFigures';
export * from './probeTypes';
