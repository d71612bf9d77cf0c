/** @jsxRuntime automatic */
import type { ModelsSnapshot } from '../../../../shared/types/models';
import { useApiCall } from '../../hooks/useApiCall';
import { ConfigFilePath } from '../ConfigFilePath';

const DEFAULT_PORTS = [8080, 11434, 1234, 8000];
/** What listens on each default port, so the operator knows what was looked for. */
const PORT_KINDS: Record<number, string> = { 8080: 'llama.cpp, mlx-lm', 11434: 'Ollama', 1234: 'LM Studio', 8000: 'vLLM' };

/** "8080 (llama.cpp, mlx-lm), 11434 (Ollama), 9000". */
const portList = (ports: readonly number[]) => ports.map((port) => (PORT_KINDS[port] ? `${port} (${PORT_KINDS[port]})` : String(port))).join(', ');

function searchedWords(section: { autodetect: boolean; detectPorts: number[] } | undefined): string {
  if (section?.autodetect === false) return 'Autodetection is off (models.autodetect: false) and no endpoint is configured.';
  const ports = section?.detectPorts ?? DEFAULT_PORTS;
  const where =
    ports.length === 0
      ? 'the published ports of running containers (no loopback port: models.detectPorts is empty)'
      : `the loopback ports ${portList(ports)} and the published ports of running containers`;
  return `Opsbar searched ${where}, and found no model server.`;
}

/** The core's reason as one clause (its trailing full stop dropped: the sentence goes on). */
const clause = (text: string | null, fallback: string) => (text ?? fallback).trim().replace(/\.+$/, '') || fallback;

/** In the future: "in 4 min"; else nothing. */
function nextSearch(at: number | null, now = Date.now()): string {
  if (at == null || at <= now) return '';
  const minutes = Math.max(1, Math.round((at - now) / 60_000));
  return ` It searches again in ${minutes} min.`;
}

/**
 * Why the Models page lists no server: monitoring is off, the module could not read, or no
 * server was found; it says which ports were searched and how to name an endpoint in the config.
 */
export function ModelsEmpty({ models }: { models: ModelsSnapshot }) {
  const settings = useApiCall('settings.get', {});
  const configPath = settings.data?.configPath;
  const section = settings.data?.settings.models;
  if (models.state === 'disabled') {
    return (
      <div className="state state-empty models-state">
        <h3>Model-server monitoring is turned off</h3>
        <p>
          Set <code>models.enabled: true</code> in <ConfigFilePath path={configPath} /> to turn it on.
        </p>
      </div>
    );
  }
  if (models.state === 'unknown') {
    return (
      <div className="state state-error models-state" role="alert">
        <strong>Model servers are unknown</strong>
        <p>
          Opsbar could not read them: {clause(models.error, 'no reason given')}. It tries again on its next reading; the rest of Opsbar keeps working.
        </p>
      </div>
    );
  }
  const searched = `${searchedWords(section)}${section?.autodetect === false ? '' : nextSearch(models.nextDetectionAt)}`;
  return (
    <div className="state state-empty models-state">
      <h3>No model server found</h3>
      <p>{searched}</p>
      <p>
        To watch a server elsewhere, name it under <code>models.endpoints</code> in <ConfigFilePath path={configPath} />:
      </p>
      <pre className="models-config-example">{`models:\n  endpoints:\n    - url: http://127.0.0.1:11434\n      name: Ollama on this host   # optional\n      kind: ollama                # optional: ollama, llamacpp, lmstudio, vllm, mlx`}</pre>
    </div>
  );
}
