// Realistic data for component tests: a Mac Studio serving MLX models next to a RAG stack.
import { noGpuSnapshot, noModelsSnapshot } from '../support/statusFixtures';
import type { ContainerInfo, DockerSnapshot, Stack } from '../../shared/types/docker';
import type { OpsEvent } from '../../shared/types/events';
import type { HistoryResult } from '../../shared/types/history';
import type { StatusSnapshot } from '../../shared/types/status';
import type { SettingsView } from '../../shared/config/settingsSchema';
import { defaultSettings } from '../../shared/config/settingsSchema';

export const NOW = Date.UTC(2025, 10, 24, 9, 30, 0);
const GB = 1e9;

export function container(overrides: Partial<ContainerInfo> & { name: string }): ContainerInfo {
  return {
    id: `${overrides.name.replace(/[^a-z0-9]/gi, '').padEnd(12, '0')}abcdef0123456789`,
    service: overrides.name.replace(/-\d+$/, ''),
    image: 'busybox:1.36',
    state: 'running',
    health: 'none',
    restartCount: 0,
    // Uptime is measured against the real clock.
    startedAt: Date.now() - 3 * 3600_000 - 12 * 60_000 - 5_000,
    exitCode: null,
    cpuPercent: 1.5,
    memoryBytes: 256e6,
    memoryLimitBytes: null,
    ports: [],
    severity: 'ok',
    ...overrides,
  };
}

function stack(name: string, containers: ContainerInfo[], kind: Stack['kind'] = 'compose'): Stack {
  const severity = containers.some((c) => c.severity === 'critical') ? 'critical' : containers.some((c) => c.severity === 'warning') ? 'warning' : 'ok';
  return {
    name,
    kind,
    containers,
    severity,
    counts: {
      total: containers.length,
      running: containers.filter((c) => c.state === 'running').length,
      healthy: containers.filter((c) => c.health === 'healthy').length,
      unhealthy: containers.filter((c) => c.health === 'unhealthy').length,
    },
  };
}

export function dockerSnapshot(stacks?: Stack[]): DockerSnapshot {
  return {
    at: NOW,
    available: true,
    endpoint: 'unix:///var/run/docker.sock',
    error: null,
    engineVersion: '27.3.1',
    stacks: stacks ?? [
      stack('llm', [
        container({ name: 'llm-vllm-1', image: 'vllm/vllm-openai:v0.6.3', health: 'healthy', cpuPercent: 312.4, memoryBytes: 21.5 * GB, memoryLimitBytes: 64 * GB }),
        container({ name: 'llm-open-webui-1', image: 'ghcr.io/open-webui/open-webui:main', health: 'healthy' }),
      ]),
      stack('rag', [
        container({ name: 'rag-qdrant-1', image: 'qdrant/qdrant:v1.12.1', health: 'unhealthy', restartCount: 4, severity: 'critical' }),
        container({ name: 'rag-api-1', image: 'rag-api:dev', state: 'exited', exitCode: 137, startedAt: null, cpuPercent: null, memoryBytes: null, severity: 'warning' }),
      ]),
      stack('standalone', [container({ name: 'portainer', service: null, image: 'portainer/portainer-ce:2.21.4' })], 'standalone'),
    ],
  };
}

export function statusSnapshot(overrides: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return {
    at: NOW,
    overall: 'critical',
    checks: [
      { id: 'cpu', label: 'CPU', severity: 'ok', summary: '23% of 24 cores' },
      { id: 'disk:/', label: 'Disk /', severity: 'warning', summary: '41 GB free (9%)' },
      { id: 'docker:rag', label: 'Stack rag', severity: 'critical', summary: 'rag-qdrant-1 unhealthy' },
    ],
    system: {
      at: NOW,
      hostname: 'studio.local',
      platform: 'darwin',
      cpu: { percent: 23.4, cores: 24 },
      memory: { totalBytes: 192 * GB, usedBytes: 141 * GB, availableBytes: 51 * GB, percent: 73.4 },
      swap: { totalBytes: 4 * GB, usedBytes: 0.5 * GB },
      load: [5.12, 4.8, 3.9],
      uptimeSeconds: 9 * 86_400 + 4 * 3600,
      disks: [
        { mount: '/', fsType: 'apfs', totalBytes: 926 * GB, freeBytes: 83 * GB, usedBytes: 843 * GB, usedPercent: 91 },
        { mount: '/Volumes/Models', fsType: 'apfs', totalBytes: 3726 * GB, freeBytes: 1200 * GB, usedBytes: 2526 * GB, usedPercent: 67.8 },
      ],
    },
    docker: dockerSnapshot(),
    gpu: noGpuSnapshot(NOW),
    models: noModelsSnapshot(NOW),
    http: { at: NOW, checks: [] },
    ...overrides,
  };
}

export function opsEvent(id: number, overrides: Partial<OpsEvent> = {}): OpsEvent {
  return {
    id,
    at: NOW - id * 60_000,
    source: 'docker',
    kind: 'container.health_status',
    severity: 'warning',
    subject: 'rag-qdrant-1',
    message: 'health check failed: connection refused',
    attributes: {},
    ...overrides,
  };
}

export function history(series: string, values: number[]): HistoryResult {
  return {
    series,
    resolution: 'raw',
    points: values.map((v, i) => ({ t: NOW - (values.length - i) * 60_000, avg: v, min: v - 1, max: v + 2 })),
  };
}

export function settingsView(): SettingsView {
  return { settings: defaultSettings(), configPath: '/Users/ops/Library/Application Support/Opsbar/config.yaml', problems: [] };
}
