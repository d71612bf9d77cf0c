import type { DockerSnapshot } from '../../../../shared/types/docker';
import type { MonitorModule } from '../monitorModule';
import { dockerAlertConditions } from './dockerAlertConditions';
import { dockerCheck, judgeStacks } from './dockerChecks';
import { dockerText } from './dockerText';

function placeholder(at: number, error: string): DockerSnapshot {
  return { at, available: false, endpoint: null, error, engineVersion: null, stacks: [] };
}

/** Docker stacks by compose project: list, inspect, one-shot stats and the events stream. */
export const dockerModule: MonitorModule<'docker'> = {
  id: 'docker',
  label: 'Docker',
  enabled: (settings) => settings.docker.enabled,
  collectionSettings: (settings) => [settings.docker, settings.monitoring.dockerIntervalMs, settings.monitoring.dockerStatsConcurrency],
  async createCollector(settings, deps) {
    // Loaded only when Docker monitoring is on.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createDockerCollector } = require('./index') as typeof import('./index');
    return createDockerCollector(settings, { clock: deps.clock });
  },
  assess({ snapshot, error, enabled, settings, at }) {
    if (!enabled) return { snapshot: placeholder(at, 'Docker monitoring is turned off in the config (docker.enabled: false).'), checks: [] };
    const collected = snapshot && error === null ? snapshot : snapshot ? { ...snapshot, available: false, error } : null;
    if (!collected) {
      const shown = placeholder(at, error ?? 'Not checked yet');
      return { snapshot: shown, checks: [dockerCheck(error ? shown : null)] };
    }
    const judged: DockerSnapshot = { ...collected, stacks: judgeStacks(collected.stacks, settings.thresholds.restartCountWarning) };
    return { snapshot: judged, checks: [dockerCheck(judged)] };
  },
  // One alert per container that is not fine (the one `docker` check stays the summary line).
  alertConditions: ({ snapshot }) => dockerAlertConditions(snapshot),
  text: dockerText,
  // CPU % is the difference of two cgroup readings (at least 200 ms apart).
  oneShot: { readings: 2, gapMs: 250 },
  // The engine's own events (die, oom, health_status) are recorded as they happen.
  recordsOwnEvents: true,
  series: [
    { name: 'container.cpuPercent:<stack>/<container>', unit: '%', description: 'CPU of one container (100 = one core)' },
    { name: 'container.memoryBytes:<stack>/<container>', unit: 'bytes', description: 'memory in use (usage − inactive file)' },
  ],
};
