/**
 * The models module's judgement, pure: a configured endpoint that does not answer is critical, an
 * autodetected one that vanished a warning (`model.down`); a model whose last two probes both
 * decoded below its target is a warning (`model.slow`). Severities of endpoints and models are
 * filled in to match. No endpoints at all is no check: a host without model servers is fine.
 *
 *   const { snapshot, checks } = modelChecks(collected, settings.models);
 */
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { ModelEndpoint, ModelsSnapshot, ModelView } from '../../../../shared/types/models';
import { worstSeverity, type Severity } from '../../../../shared/types/severity';
import type { StatusCheck } from '../../../../shared/types/status';
import type { Assessment } from '../monitorModule';

type ModelsSettings = Settings['models'];

/** The model's own target, else the section's. */
export function targetFor(settings: Pick<ModelsSettings, 'targets' | 'targetTokensPerSecond'>, model: string): number {
  return settings.targets[model] ?? settings.targetTokensPerSecond;
}

export function modelChecks(snapshot: ModelsSnapshot, settings: ModelsSettings): Assessment<ModelsSnapshot> {
  const checks: StatusCheck[] = [];
  const endpoints = snapshot.endpoints.map((endpoint) => judgeEndpoint(endpoint, settings, checks));
  if (checks.length === 0 && endpoints.length > 0) checks.push({ id: 'models', label: 'Models', severity: 'ok', summary: fineSummary(endpoints) });
  return { snapshot: { ...snapshot, endpoints }, checks };
}

function judgeEndpoint(endpoint: ModelEndpoint, settings: ModelsSettings, checks: StatusCheck[]): ModelEndpoint {
  const models = endpoint.models.map((model) => judgeModel(model, endpoint, settings, checks));
  let own: Severity = 'ok';
  if (!endpoint.up) {
    own = endpoint.source === 'configured' ? 'critical' : 'warning';
    checks.push({ id: `model.down:${endpoint.url}`, label: endpoint.name, alert: 'model.down', severity: own, summary: downSummary(endpoint) });
  }
  return { ...endpoint, models, severity: worstSeverity([own, ...models.map((m) => m.severity)]) };
}

function judgeModel(model: ModelView, endpoint: ModelEndpoint, settings: ModelsSettings, checks: StatusCheck[]): ModelView {
  const target = targetFor(settings, model.name);
  const recent = model.recentDecode.slice(0, 2);
  const slow = recent.length === 2 && recent.every((rate) => rate < target);
  if (slow) {
    checks.push({
      id: `model.slow:${endpoint.url}/${model.name}`,
      label: `${model.name} on ${endpoint.name}`,
      alert: 'model.slow',
      severity: 'warning',
      summary: `${model.name} decodes at ${rateText(recent[0])} tok/s, below its target of ${rateText(target)} (two probes in a row)`,
    });
  }
  return { ...model, targetTokensPerSecond: target, severity: slow ? 'warning' : 'ok' };
}

function downSummary(endpoint: ModelEndpoint): string {
  const reason = (endpoint.error ?? 'no answer').replace(/\.\s*$/, '');
  if (endpoint.source === 'configured') return `${endpoint.name} does not answer: ${reason} (configured endpoint)`;
  const seen = endpoint.lastSeenAt === null ? '' : `, last seen ${new Date(endpoint.lastSeenAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `${endpoint.name} does not answer any more: ${reason} (autodetected endpoint${seen})`;
}

function fineSummary(endpoints: readonly ModelEndpoint[]): string {
  const loaded = endpoints.reduce((n, e) => n + e.models.filter((m) => m.loaded).length, 0);
  return `${plural(endpoints.length, 'server')}, ${plural(loaded, 'model')} loaded`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "18.2", "30", "142": one decimal below 100, whole numbers above. */
export function rateText(rate: number): string {
  if (!Number.isFinite(rate)) return '—';
  if (rate >= 100 || Number.isInteger(rate)) return String(Math.round(rate));
  return rate.toFixed(1);
}
