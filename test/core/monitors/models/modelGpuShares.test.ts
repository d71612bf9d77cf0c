// GPU processes mapped to a model server: by container, or by the process listening on the port.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, describe, it } from 'node:test';
import { listeningPid, parentPid } from '../../../../electron/core/monitors/models/listeningProcess';
import { GpuShareMapper } from '../../../../electron/core/monitors/models/modelGpuShares';
import type { GpuProcess } from '../../../../shared/types/gpu';
import { TestClock } from '../../../support/testClock';

const servers: Server[] = [];
after(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

function gpuProcess(pid: number, overrides: Partial<GpuProcess> = {}): GpuProcess {
  return { pid, name: 'server', gpuIndex: 0, gpuUuid: null, memoryBytes: 5e9, container: null, user: 'root', startedAt: null, ...overrides };
}

describe('GpuShareMapper', () => {
  it('a container endpoint gets the GPU processes of that container', async () => {
    const mapper = new GpuShareMapper({ clock: new TestClock(), cacheMs: 300_000 });
    const processes = [
      gpuProcess(11, { container: { id: 'a', name: 'llm-vllm-1', stack: 'llm', service: 'vllm' }, gpuIndex: 1, memoryBytes: 20e9 }),
      gpuProcess(12, { container: { id: 'b', name: 'other', stack: null, service: null } }),
    ];
    assert.deepEqual(await mapper.sharesFor({ url: 'http://127.0.0.1:8000', container: { name: 'llm-vllm-1' } }, processes), [{ gpuIndex: 1, memoryBytes: 20e9, pid: 11 }]);
  });

  it('a loopback endpoint gets the GPU process listening on its port (real /proc), cached per port', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    const clock = new TestClock();
    let lookups = 0;
    const mapper = new GpuShareMapper({
      clock,
      cacheMs: 300_000,
      lookup: { listeningPid: (p, prefer) => (lookups++, listeningPid(p, { preferPids: prefer })), parentPid: (pid) => parentPid(pid) },
    });
    const endpoint = { url: `http://127.0.0.1:${port}`, container: null };
    const processes = [gpuProcess(process.pid, { memoryBytes: 7e9 }), gpuProcess(999_999_999)];
    assert.deepEqual(await mapper.sharesFor(endpoint, processes), [{ gpuIndex: 0, memoryBytes: 7e9, pid: process.pid }]);
    await mapper.sharesFor(endpoint, processes);
    assert.equal(lookups, 1, 'the listener is looked up once per cache period');
    await clock.advance(300_000);
    await mapper.sharesFor(endpoint, processes);
    assert.equal(lookups, 2);
  });

  it('a GPU process whose parent listens (Ollama serve → runner) maps to the endpoint', async () => {
    const mapper = new GpuShareMapper({
      clock: new TestClock(),
      cacheMs: 1,
      lookup: { listeningPid: async () => 100, parentPid: async (pid) => (pid === 200 ? 100 : pid === 100 ? 1 : null) },
    });
    assert.deepEqual(await mapper.sharesFor({ url: 'http://127.0.0.1:11434', container: null }, [gpuProcess(200), gpuProcess(300)]), [{ gpuIndex: 0, memoryBytes: 5e9, pid: 200 }]);
  });

  it('no GPU processes, or a remote endpoint: no shares and no lookup', async () => {
    let lookups = 0;
    const mapper = new GpuShareMapper({ clock: new TestClock(), cacheMs: 1, lookup: { listeningPid: async () => (lookups++, 1), parentPid: async () => null } });
    assert.deepEqual(await mapper.sharesFor({ url: 'http://127.0.0.1:1', container: null }, []), []);
    assert.deepEqual(await mapper.sharesFor({ url: 'http://10.0.0.5:8000', container: null }, [gpuProcess(1)]), []);
    assert.equal(lookups, 0);
  });
});
