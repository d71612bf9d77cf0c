/**
 * Checks Opsbar proposes (the operator adds them): one per model-server endpoint in the status
 * (a cheap endpoint each kind serves without a model: Ollama `/api/version`, llama.cpp and vLLM
 * `/health`, OpenAI-compatible servers `/v1/models`), and one per running container's published
 * TCP port whose `/health` answers 2xx within a second (at most 32 ports, 4 at a time, through the
 * loopback address for 0.0.0.0 / :: bindings). Reads only; `configured` says a check with the URL exists.
 */
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { HttpCheckSuggestion } from '../../../../shared/types/http';
import type { ModelServerKindName } from '../../../../shared/types/models';
import type { StatusSnapshot } from '../../../../shared/types/status';
import { forEachBounded } from '../docker/boundedConcurrency';

export interface HttpSuggestionDeps {
  settings(): Settings;
  status(): Promise<StatusSnapshot>;
  /** For the container ports' `/health` (redirects not followed, bounded by a deadline). */
  fetch: typeof fetch;
}

export const MAX_PROBED_PORTS = 32;
const PROBE_CONCURRENCY = 4;
const PROBE_DEADLINE_MS = 1_000;

/** What each model-server kind answers without loading a model. */
const MODEL_HEALTH: Readonly<Record<ModelServerKindName, { path: string; what: string }>> = {
  ollama: { path: '/api/version', what: 'Ollama endpoint' },
  llamacpp: { path: '/health', what: 'llama.cpp server' },
  vllm: { path: '/health', what: 'vLLM server' },
  lmstudio: { path: '/v1/models', what: 'LM Studio (OpenAI-compatible) endpoint' },
  mlx: { path: '/v1/models', what: 'mlx-lm (OpenAI-compatible) endpoint' },
};

interface Candidate {
  name: string;
  url: string;
  expectStatus: number;
  reason: string;
}

export function createHttpSuggestions(deps: HttpSuggestionDeps): { suggest(): Promise<HttpCheckSuggestion[]> } {
  return {
    async suggest() {
      const settings = deps.settings();
      const status = await deps.status();
      const models = modelCandidates(status, settings);
      const containers = await containerCandidates(status, new Set(models.map((m) => m.url)), deps.fetch);
      return withUniqueNames([...models, ...containers], settings);
    },
  };
}

function modelCandidates(status: StatusSnapshot, settings: Settings): Candidate[] {
  const out: Candidate[] = [];
  for (const endpoint of status.models?.endpoints ?? []) {
    if (!endpoint.kind) continue;
    const health = MODEL_HEALTH[endpoint.kind];
    const url = `${endpoint.url.replace(/\/+$/, '')}${health.path}`;
    const keyed = settings.models.endpoints.some((e) => sameBase(e.url, endpoint.url) && e.apiKeyEnv);
    // A check sends no API key: behind one, an OpenAI-compatible list answers 401, which still says the server is up.
    const expectStatus = keyed && health.path === '/v1/models' ? 401 : 200;
    const note = expectStatus === 401 ? ' (expects 401: a check sends no API key)' : '';
    out.push({ name: endpoint.name, url, expectStatus, reason: `${health.what} ${endpoint.name}${note}` });
  }
  return out;
}

interface PortTarget {
  url: string;
  container: string;
  hostPort: number;
}

async function containerCandidates(status: StatusSnapshot, known: ReadonlySet<string>, fetchFn: typeof fetch): Promise<Candidate[]> {
  const targets: PortTarget[] = [];
  const seen = new Set<string>();
  for (const stack of status.docker?.stacks ?? []) {
    for (const container of stack.containers) {
      if (container.state !== 'running') continue;
      for (const port of container.ports) {
        if (port.protocol !== 'tcp') continue;
        const url = `http://${hostFor(port.hostIp)}:${port.hostPort}/health`;
        if (seen.has(url) || known.has(url)) continue;
        seen.add(url);
        targets.push({ url, container: container.name, hostPort: port.hostPort });
      }
    }
  }
  const answered = new Map<string, number>();
  await forEachBounded(targets.slice(0, MAX_PROBED_PORTS), PROBE_CONCURRENCY, async (target) => {
    const status = await healthStatus(fetchFn, target.url);
    if (status !== null && status >= 200 && status < 300) answered.set(target.url, status);
  });
  return targets
    .filter((t) => answered.has(t.url))
    .map((t) => ({
      name: `${t.container} ${t.hostPort}`,
      url: t.url,
      expectStatus: 200,
      reason: `container ${t.container} publishes ${t.hostPort} and answers /health with ${answered.get(t.url)}`,
    }));
}

/** The status of GET url within the deadline, or null (no answer, refused, redirected elsewhere). */
async function healthStatus(fetchFn: typeof fetch, url: string): Promise<number | null> {
  try {
    const response = await fetchFn(url, { redirect: 'manual', signal: AbortSignal.timeout(PROBE_DEADLINE_MS) });
    await response.body?.cancel().catch(() => undefined);
    return response.status;
  } catch {
    return null;
  }
}

/** Loopback for "every address" bindings; an IPv6 literal in brackets. */
function hostFor(hostIp: string | null): string {
  if (!hostIp || hostIp === '0.0.0.0' || hostIp === '::') return '127.0.0.1';
  return hostIp.includes(':') ? `[${hostIp}]` : hostIp;
}

function sameBase(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** A name valid for httpCheckNameSchema: letters, digits, spaces, dots, dashes, underscores; starting with a letter or digit. */
export function checkNameFrom(text: string): string {
  const cleaned = text
    .replace(/[^A-Za-z0-9 ._-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[^A-Za-z0-9]+/, '')
    .trim()
    .slice(0, 56)
    .trim();
  return cleaned || 'health check';
}

/** Names unique among the suggestions and against configured checks of other URLs; `configured` by URL. */
function withUniqueNames(candidates: readonly Candidate[], settings: Settings): HttpCheckSuggestion[] {
  const configured = settings.http.checks;
  const taken = new Set(configured.map((c) => c.name.toLowerCase()));
  return candidates.map((candidate) => {
    const existing = configured.find((c) => c.url === candidate.url);
    if (existing) return { ...candidate, name: existing.name, configured: true };
    const base = checkNameFrom(candidate.name);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    taken.add(name.toLowerCase());
    return { ...candidate, name, configured: false };
  });
}
