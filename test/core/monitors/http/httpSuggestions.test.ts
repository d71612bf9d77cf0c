// Suggestions from a status: model endpoints by kind, container ports whose /health answers 2xx
// (real servers on 127.0.0.1 stand in for the published ports), unique valid names, `configured`.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { httpCheckNameSchema } from '../../../../shared/config/httpSettingsSchema';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import type { ContainerInfo } from '../../../../shared/types/docker';
import { checkNameFrom, createHttpSuggestions } from '../../../../electron/core/monitors/http/httpSuggestions';
import { emptyStatus, upModelEndpoint } from '../../../support/statusFixtures';
import { startTestServer, type TestServer } from './httpTestServer';

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

function container(name: string, state: ContainerInfo['state'], ports: [string | null, number][]): ContainerInfo {
  return {
    id: name,
    name,
    service: null,
    image: 'busybox',
    state,
    health: 'none',
    restartCount: 0,
    startedAt: null,
    exitCode: null,
    cpuPercent: null,
    memoryBytes: null,
    memoryLimitBytes: null,
    ports: ports.map(([hostIp, hostPort]) => ({ hostIp, hostPort, containerPort: 8080, protocol: 'tcp' })),
    severity: 'ok',
  };
}

test('one per model endpoint by kind, one per container port whose /health answers 2xx; configured ones say so', async () => {
  const healthy = await startTestServer((req, res) => res.end(req.url === '/health' ? 'ok' : 'other'));
  const notFound = await startTestServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const redirecting = await startTestServer((_req, res) => {
    res.writeHead(302, { Location: '/login' });
    res.end();
  });
  servers.push(healthy, notFound, redirecting);
  const gone = await startTestServer((_req, res) => res.end());
  await gone.close();

  const status = emptyStatus();
  status.models.endpoints = [
    upModelEndpoint('http://127.0.0.1:11434'),
    upModelEndpoint('http://127.0.0.1:8000', { name: 'vLLM :8000', kind: 'vllm', kindLabel: 'vLLM' }),
    upModelEndpoint('http://127.0.0.1:1234/', { name: 'Studio', kind: 'lmstudio', kindLabel: 'LM Studio' }),
    upModelEndpoint('http://127.0.0.1:9999', { name: 'Unknown', kind: null }),
  ];
  status.docker = {
    ...status.docker,
    available: true,
    stacks: [
      {
        name: 'demo',
        kind: 'compose',
        severity: 'ok',
        counts: { total: 4, running: 3, healthy: 0, unhealthy: 0 },
        containers: [
          container('demo-api', 'running', [['0.0.0.0', healthy.port], ['::', healthy.port]]),
          container('demo/web!', 'running', [['127.0.0.1', notFound.port], [null, redirecting.port]]),
          container('demo-old', 'exited', [['0.0.0.0', healthy.port]]),
          container('demo-gone', 'running', [['0.0.0.0', gone.port]]),
        ],
      },
    ],
  };
  const settings = defaultSettings();
  settings.models.endpoints = [{ ...(settings.models.endpoints[0] ?? {}), url: 'http://127.0.0.1:1234', apiKeyEnv: 'LMS_KEY' } as (typeof settings.models.endpoints)[number]];
  settings.http.checks = [{ name: 'Ollama 11434', url: 'http://127.0.0.1:9/elsewhere', expectStatus: 200, timeoutMs: 5000, intervalMs: 30000, failuresBeforeAlert: 3 }, { name: 'my vllm', url: 'http://127.0.0.1:8000/health', expectStatus: 200, timeoutMs: 5000, intervalMs: 30000, failuresBeforeAlert: 3 }];

  const suggestions = await createHttpSuggestions({ settings: () => settings, status: async () => status, fetch }).suggest();
  assert.deepEqual(
    suggestions.map((s) => [s.name, s.url, s.expectStatus, s.configured]),
    [
      ['Ollama 11434 2', 'http://127.0.0.1:11434/api/version', 200, false],
      ['my vllm', 'http://127.0.0.1:8000/health', 200, true],
      ['Studio', 'http://127.0.0.1:1234/v1/models', 401, false],
      [`demo-api ${healthy.port}`, `http://127.0.0.1:${healthy.port}/health`, 200, false],
    ],
  );
  assert.equal(suggestions[0].reason, 'Ollama endpoint Ollama :11434');
  assert.equal(suggestions[2].reason, 'LM Studio (OpenAI-compatible) endpoint Studio (expects 401: a check sends no API key)');
  assert.equal(suggestions[3].reason, `container demo-api publishes ${healthy.port} and answers /health with 200`);
  for (const s of suggestions) assert.ok(httpCheckNameSchema.safeParse(s.name).success, s.name);
  assert.deepEqual(redirecting.requests, ['/health'], 'the redirect was not followed');
});

test('names from untrusted text are valid check names', () => {
  for (const raw of ['Ollama :11434', '/weird/name!!', '..', '', 'ünïcode-stack_1', 'x'.repeat(100)]) {
    const name = checkNameFrom(raw);
    assert.ok(httpCheckNameSchema.safeParse(name).success, `${raw} → ${name}`);
  }
  assert.equal(checkNameFrom('Ollama :11434'), 'Ollama 11434');
});
