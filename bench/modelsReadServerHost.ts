// Child process of bench/modelsRead.ts: one fake server of each model-server kind (their
// documented GET routes, test/support/fakeModelKinds.ts), so the parent's CPU is the reader's alone.
// Sends { urls: { kind: url } } once listening; 'close' closes them and exits.
import { startFakeModelServer, type FakeModelServer } from '../test/support/fakeModelKinds';

const GB = 1e9;
const running: FakeModelServer[] = [];

async function main(): Promise<void> {
  const urls: Record<string, string> = {};
  const start = async (kind: Parameters<typeof startFakeModelServer>[0], options: Parameters<typeof startFakeModelServer>[1]) => {
    const server = await startFakeModelServer(kind, options);
    running.push(server);
    urls[kind] = server.url;
  };
  await start('ollama', { version: '0.6.2', models: [{ name: 'qwen3:8b', loaded: true, sizeBytes: 6 * GB, vramBytes: 6 * GB }, { name: 'llama3.1:70b', loaded: false, sizeBytes: 40 * GB }] });
  await start('llamacpp', { models: [{ name: 'gemma-3-4b-it-Q4_K_M.gguf', loaded: true }] });
  await start('lmstudio', { models: [{ name: 'qwen2.5-7b-instruct', loaded: true }, { name: 'phi-4', loaded: false }] });
  await start('vllm', { models: [{ name: 'meta-llama/Llama-3.1-8B-Instruct', loaded: true }] });
  await start('mlx', { models: [{ name: 'mlx-community/Qwen3-4B-4bit', loaded: false }] });
  process.send?.({ urls });
}

process.on('message', (message: string) => {
  if (message === 'close') void Promise.all(running.map((s) => s.close())).then(() => process.exit(0));
});
void main();
