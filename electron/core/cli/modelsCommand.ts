/**
 * `opsbar models probe [--endpoint URL] [--model NAME] [--load] [--json]`: one probe of each loaded
 * model (of one endpoint, or one model), without a running app. The core runs in the CLI role on
 * the data dir's history file, so the probes are written where the app (and `opsbar models`)
 * reads them. Exit: 0 every probe measured, 1 one failed, 3 nothing could be probed.
 */
import type { ProbeNowResult } from '../../../shared/api/contract/models';
import { modelEndpointSchema } from '../../../shared/config/modelsSettingsSchema';
import type { Settings } from '../../../shared/config/settingsSchema';
import type { ModelProbeFailure, ModelProbeRecord } from '../../../shared/types/models';
import type { Clock } from '../clock';
import { createOpsbarCore } from '../createCore';
import { trimmedUrl } from '../monitors/models/endpointRegistry';
import type { Logger } from '../logger';
import { UsageError } from './serveCommand';

export interface ModelsProbeOptions {
  dataDir: string;
  clock: Clock;
  log: Logger;
  endpoint?: string;
  model?: string;
  load: boolean;
  json: boolean;
}

export const EXIT_PROBE_FAILED = 1;
export const EXIT_NOTHING_PROBED = 3;

const isRecord = (outcome: ModelProbeRecord | ModelProbeFailure): outcome is ModelProbeRecord => 'ttftMs' in outcome;

/**
 * `--endpoint` of a server the config does not list (and detection might not find: another host,
 * another port) is watched as a configured endpoint for this run, so it can be probed at once.
 */
function withEndpoint(url: string | undefined): ((settings: Settings) => Settings) | undefined {
  if (!url) return undefined;
  return (settings) =>
    settings.models.endpoints.some((e) => trimmedUrl(e.url) === url)
      ? settings
      : { ...settings, models: { ...settings.models, endpoints: [...settings.models.endpoints, { url }] } };
}

export async function modelsProbeCommand(options: ModelsProbeOptions, io: { out: (s: string) => void }): Promise<number> {
  const endpoint = options.endpoint === undefined ? undefined : trimmedUrl(options.endpoint);
  // The same check as an endpoint in the config file.
  if (endpoint !== undefined && !modelEndpointSchema.shape.url.safeParse(endpoint).success) {
    throw new UsageError(`--endpoint must be a URL such as http://127.0.0.1:11434, not ${JSON.stringify(options.endpoint)}.`);
  }
  const core = createOpsbarCore({ dataDir: options.dataDir, clock: options.clock, log: options.log, role: 'cli', adjustSettings: withEndpoint(endpoint) });
  try {
    // One reading finds the endpoints and what each has loaded (the collector tells the probes).
    const status = await core.collectOnce(['models']);
    const outcome = core.modelProbes.probeNow({ endpoint, model: options.model, load: options.load });
    const skipped = [...outcome.skipped];
    const section = status.models;
    if (outcome.started.length === 0 && section && section.state !== 'ok' && section.error) skipped.push({ endpoint: '', model: null, reason: section.error });
    const results = await outcome.done;
    const probes = results.filter(isRecord);
    const failures = results.filter((r): r is ModelProbeFailure => !isRecord(r));
    const problems = core.notices.filter((n) => n.startsWith('Config '));
    if (options.json) io.out(`${JSON.stringify({ probes, failures, skipped })}\n`);
    else io.out(formatProbeTable(probes, failures, skipped) + problems.map((p) => `${p}\n`).join(''));
    if (outcome.started.length === 0) return EXIT_NOTHING_PROBED;
    return failures.length > 0 ? EXIT_PROBE_FAILED : 0;
  } finally {
    await core.stop();
  }
}

const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));

/** The human form: one row per measured probe, then one line per failure and per skip. */
export function formatProbeTable(probes: readonly ModelProbeRecord[], failures: readonly ModelProbeFailure[], skipped: ProbeNowResult['skipped']): string {
  const lines: string[] = [];
  if (probes.length > 0) {
    const rows = [
      ['ENDPOINT', 'MODEL', 'TTFT ms', 'DECODE tok/s', 'PREFILL tok/s', 'TOKENS', 'LOAD', 'SOURCE'],
      ...probes.map((p) => [
        p.endpoint,
        p.model,
        fixed(p.ttftMs, 0),
        // "~": no token count came back and the figure is Opsbar's count of chunks.
        `${p.estimated && p.source === 'client' ? '~' : ''}${fixed(p.decodeTokensPerSecond, 1)}`,
        fixed(p.prefillTokensPerSecond, 0),
        String(p.completionTokens),
        p.cold ? 'cold' : 'warm',
        p.source,
      ]),
    ];
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    // Text columns flush left, figures flush right.
    const numeric = new Set([2, 3, 4, 5]);
    for (const row of rows) lines.push(row.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd());
    if (probes.some((p) => p.estimated && p.source === 'client')) lines.push('~ estimated: the server sent no token count; tokens are the 64 it stopped at, or its chunks where it did not say why it stopped (low if it sends several tokens a chunk).');
  }
  for (const f of failures) lines.push(`FAILED  ${f.endpoint}  ${f.model}: ${f.reason}`);
  for (const s of skipped) lines.push(`skipped ${[s.endpoint, s.model].filter(Boolean).join('  ')}${s.endpoint || s.model ? ': ' : ''}${s.reason}`);
  if (lines.length === 0) lines.push('Nothing was probed.');
  return lines.join('\n') + '\n';
}
