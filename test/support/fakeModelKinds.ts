/**
 * A loopback model server of one kind, written from that project's documented API (GET routes,
 * and the unload calls: Ollama `POST /api/generate {model, keep_alive: 0}`, LM Studio 0.4+
 * `POST /api/v1/models/unload {instance_id}`; every other path is 404 the way that server says
 * it). For identification, passive reading and unload tests; no generation.
 *
 *   const server = await startFakeModelServer('ollama', { models: [{ name: 'llama3.2:latest', loaded: true }] });
 *   … boundedGetFor(server.url) …
 *   server.setCounters({ generation: 1000, prompt: 50 });   // vLLM / llama.cpp /metrics
 *   server.hostile('html');                                  // every path now answers a web page
 *   await server.close();
 *
 * Hostile modes: 'html' (a login page), 'unauthorized' (401), 'hang' (headers never come),
 * 'flood' (megabytes of JSON-looking filler). `apiKey` makes every route demand that bearer key.
 * Sources: Ollama docs/api.md; llama.cpp tools/server/README.md; LM Studio REST API /api/v0;
 * vLLM entrypoints/openai/api_server.py; mlx-lm mlx_lm/server.py (APIHandler.do_GET).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModelServerKindName } from '../../electron/core/monitors/models/servers/modelServerKind';

export interface FakeModel {
  name: string;
  loaded: boolean;
  sizeBytes?: number;
  vramBytes?: number;
}

export interface FakeModelServerOptions {
  models?: FakeModel[];
  version?: string;
  /** Bearer key every route demands (401 otherwise). */
  apiKey?: string;
  /** llama.cpp: `/slots` enabled (default true) and how many are busy. */
  slots?: { total: number; busy: number } | false;
  /** llama.cpp: `/metrics` enabled (default false, as without `--metrics`). vLLM always has it. */
  metrics?: boolean;
  port?: number;
  /** LM Studio: `false` is a build before 0.4, without `/api/v1/models/unload`. */
  lmstudioUnload?: boolean;
}

export type HostileMode = 'html' | 'unauthorized' | 'hang' | 'flood';

export interface FakeModelServer {
  kind: ModelServerKindName;
  url: string;
  port: number;
  setModels(models: FakeModel[]): void;
  setCounters(counters: { generation: number; prompt: number; running?: number }): void;
  hostile(mode: HostileMode | null, floodBytes?: number): void;
  readonly requests: string[];
  /** The JSON bodies of POST requests, in order. */
  readonly posts: { path: string; body: unknown }[];
  close(): Promise<void>;
}

type Route = { status: number; json?: unknown; text?: string; contentType?: string };

export async function startFakeModelServer(kind: ModelServerKindName, options: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  let models = options.models ?? [{ name: defaultModel(kind), loaded: true, sizeBytes: 4_000_000_000, vramBytes: 4_000_000_000 }];
  let counters = { generation: 0, prompt: 0, running: 0 };
  let mode: HostileMode | null = null;
  let floodBytes = 8 * 1024 * 1024;
  const requests: string[] = [];
  const posts: { path: string; body: unknown }[] = [];
  const open = new Set<ServerResponse>();
  const state = () => ({ models, counters, options });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push(path);
    open.add(res);
    res.on('close', () => open.delete(res));
    if (mode === 'hang') return; // left open until the client gives up or close() ends it
    if (mode === 'flood') return flood(res, floodBytes);
    if (mode === 'html') return send(res, { status: 200, text: '<!DOCTYPE html><html><body>Sign in</body></html>', contentType: 'text/html' });
    if (mode === 'unauthorized' || (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`))
      return send(res, { status: 401, json: { error: { message: 'Invalid API key', type: 'invalid_request_error' } } });
    if (req.method === 'POST') {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        let body: unknown = null;
        try {
          body = JSON.parse(raw);
        } catch {
          // a body that is not JSON is recorded as null
        }
        posts.push({ path, body });
        const answer = postRouteFor(kind, path, body, state());
        if (answer.models) models = answer.models;
        send(res, answer.route);
      });
      return;
    }
    send(res, routeFor(kind, path, state()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    kind,
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    posts,
    setModels: (next) => void (models = next),
    setCounters: (next) => void (counters = { running: 0, ...next }),
    hostile: (next, bytes) => {
      mode = next;
      if (bytes) floodBytes = bytes;
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
      }),
  };
}

function routeFor(kind: ModelServerKindName, path: string, s: { models: FakeModel[]; counters: { generation: number; prompt: number; running: number }; options: FakeModelServerOptions }): Route {
  const { models, counters, options } = s;
  const loaded = models.filter((model) => model.loaded);
  const openAiList = (owner: string) => ({ object: 'list', data: models.map((model) => ({ id: model.name, object: 'model', created: 1_700_000_000, owned_by: owner })) });
  switch (kind) {
    case 'ollama':
      if (path === '/') return { status: 200, text: 'Ollama is running', contentType: 'text/plain' };
      if (path === '/api/version') return { status: 200, json: { version: options.version ?? '0.5.7' } };
      if (path === '/api/tags') return { status: 200, json: { models: models.map((m) => ({ name: m.name, model: m.name, size: m.sizeBytes ?? 1, details: { format: 'gguf', quantization_level: 'Q4_K_M' } })) } };
      if (path === '/api/ps')
        return { status: 200, json: { models: loaded.map((m) => ({ name: m.name, model: m.name, size: m.sizeBytes ?? 1, size_vram: m.vramBytes ?? 0, expires_at: '2030-01-01T00:00:00Z' })) } };
      return { status: 404, text: '404 page not found', contentType: 'text/plain' };
    case 'llamacpp': {
      const model = loaded[0] ?? models[0];
      if (path === '/health') return { status: 200, json: { status: 'ok' } };
      if (path === '/props')
        return { status: 200, json: { default_generation_settings: { n_ctx: 4096, model: `/models/${model?.name}` }, total_slots: 1, model_path: `/models/${model?.name}`, build_info: options.version ?? 'b6000-abcdef0' } };
      if (path === '/v1/models') return { status: 200, json: openAiList('llamacpp') };
      if (path === '/slots') {
        const slots = options.slots ?? { total: 2, busy: 0 };
        if (!slots) return { status: 501, json: { error: { code: 501, message: 'This server does not support slots endpoint. Start it with `--slots`', type: 'not_supported_error' } } };
        return { status: 200, json: Array.from({ length: slots.total }, (_, id) => ({ id, n_ctx: 4096, is_processing: id < slots.busy })) };
      }
      if (path === '/metrics') {
        if (!options.metrics) return { status: 501, json: { error: { code: 501, message: 'This server does not support metrics endpoint. Start it with `--metrics`', type: 'not_supported_error' } } };
        return { status: 200, text: llamacppMetrics(counters), contentType: 'text/plain; version=0.0.4' };
      }
      return { status: 404, json: { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } } };
    }
    case 'lmstudio':
      if (path === '/api/v0/models')
        return { status: 200, json: { object: 'list', data: models.map((m) => ({ id: m.name, object: 'model', type: 'llm', publisher: 'lmstudio-community', arch: 'llama', compatibility_type: 'gguf', quantization: 'Q4_K_M', state: m.loaded ? 'loaded' : 'not-loaded', max_context_length: 131072 })) } };
      if (path === '/v1/models') return { status: 200, json: openAiList('organization_owner') };
      return { status: 200, json: { error: `Unexpected endpoint or method. (GET ${path})` } };
    case 'vllm':
      if (path === '/version') return { status: 200, json: { version: options.version ?? '0.6.3' } };
      if (path === '/health') return { status: 200, text: '', contentType: 'application/json' };
      if (path === '/v1/models') return { status: 200, json: { object: 'list', data: models.map((m) => ({ id: m.name, object: 'model', created: 1_700_000_000, owned_by: 'vllm', root: m.name, max_model_len: 8192 })) } };
      if (path === '/metrics') return { status: 200, text: vllmMetrics(counters, models[0]?.name ?? 'model'), contentType: 'text/plain; version=0.0.4' };
      return { status: 404, json: { detail: 'Not Found' } };
    case 'mlx':
      if (path.startsWith('/v1/models')) return { status: 200, json: { object: 'list', data: models.map((m) => ({ id: m.name, object: 'model', created: 1_700_000_000 })) } };
      if (path === '/health') return { status: 200, json: { status: 'ok' } };
      return { status: 404, text: 'Not Found', contentType: 'application/json' };
  }
}

/** The documented unload calls; the answer and the models after it. */
function postRouteFor(kind: ModelServerKindName, path: string, body: unknown, s: { models: FakeModel[]; options: FakeModelServerOptions }): { route: Route; models?: FakeModel[] } {
  const fields = (body ?? {}) as Record<string, unknown>;
  const unload = (name: unknown) => s.models.map((m) => (m.name === name ? { ...m, loaded: false } : m));
  if (kind === 'ollama' && path === '/api/generate') {
    if (!s.models.some((m) => m.name === fields.model)) return { route: { status: 404, json: { error: `model '${String(fields.model)}' not found` } } };
    if (fields.keep_alive !== 0 || fields.prompt) return { route: { status: 400, json: { error: 'this fake serves no generation: only {"model", "keep_alive": 0}' } } };
    return { route: { status: 200, json: { model: fields.model, created_at: new Date().toISOString(), response: '', done: true, done_reason: 'unload' } }, models: unload(fields.model) };
  }
  if (kind === 'lmstudio' && path === '/api/v1/models/unload' && s.options.lmstudioUnload !== false) {
    if (!s.models.some((m) => m.name === fields.instance_id && m.loaded)) return { route: { status: 404, json: { error: { message: `No loaded model instance with id ${String(fields.instance_id)}` } } } };
    return { route: { status: 200, json: { instance_id: fields.instance_id } }, models: unload(fields.instance_id) };
  }
  if (kind === 'lmstudio') return { route: { status: 200, json: { error: `Unexpected endpoint or method. (POST ${path})` } } };
  return { route: { status: 404, json: { error: 'Not Found' } } };
}

function llamacppMetrics(c: { generation: number; prompt: number; running: number }): string {
  return [
    '# HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.',
    '# TYPE llamacpp:prompt_tokens_total counter',
    `llamacpp:prompt_tokens_total ${c.prompt}`,
    '# HELP llamacpp:tokens_predicted_total Number of generation tokens processed.',
    '# TYPE llamacpp:tokens_predicted_total counter',
    `llamacpp:tokens_predicted_total ${c.generation}`,
    '# HELP llamacpp:requests_processing Number of requests processing.',
    '# TYPE llamacpp:requests_processing gauge',
    `llamacpp:requests_processing ${c.running}`,
    '',
  ].join('\n');
}

function vllmMetrics(c: { generation: number; prompt: number; running: number }, model: string): string {
  const label = `{model_name="${model}"}`;
  return [
    '# TYPE vllm:num_requests_running gauge',
    `vllm:num_requests_running${label} ${c.running}.0`,
    '# TYPE vllm:prompt_tokens_total counter',
    `vllm:prompt_tokens_total${label} ${c.prompt}.0`,
    '# TYPE vllm:generation_tokens_total counter',
    `vllm:generation_tokens_total${label} ${c.generation}.0`,
    '',
  ].join('\n');
}

function defaultModel(kind: ModelServerKindName): string {
  return { ollama: 'llama3.2:latest', llamacpp: 'qwen2.5-7b-instruct-q4_k_m.gguf', lmstudio: 'qwen2.5-7b-instruct', vllm: 'Qwen/Qwen2.5-7B-Instruct', mlx: 'mlx-community/Qwen2.5-7B-Instruct-4bit' }[kind];
}

function send(res: ServerResponse, route: Route): void {
  const body = route.json !== undefined ? JSON.stringify(route.json) : (route.text ?? '');
  res.writeHead(route.status, { 'content-type': route.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const FILLER = Buffer.alloc(64 * 1024, ' ');

/** No Content-Length: the client only learns the size by reading. */
function flood(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"models":[');
  let left = bytes;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      left -= FILLER.length;
      if (!res.write(FILLER)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(']}');
  };
  pump();
}
