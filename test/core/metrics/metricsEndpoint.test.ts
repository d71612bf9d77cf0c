import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMetricsEndpoint } from '../../../electron/core/metrics/metricsEndpoint';
import type { MetricsReading } from '../../../electron/core/metrics/metricsSource';
import { defaultSettings } from '../../../shared/config/settingsSchema';
import type { AlertsSnapshot, AlertView } from '../../../shared/types/alerts';
import type { ContainerInfo } from '../../../shared/types/docker';
import type { IncidentSummary } from '../../../shared/types/incidents';
import type { ModelProbeRecord } from '../../../shared/types/models';
import type { StatusSnapshot } from '../../../shared/types/status';
import { emptyStatus, noGpuSnapshot, upModelEndpoint } from '../../support/statusFixtures';

const HOSTILE = 'evil"name\\with\nnewline';

function container(name: string, state: ContainerInfo['state']): ContainerInfo {
  return { id: name, name, service: null, image: 'busybox', state, health: 'none', restartCount: 0, startedAt: null, exitCode: null, cpuPercent: null, memoryBytes: null, memoryLimitBytes: null, ports: [], severity: 'ok' };
}

function probe(endpoint: string, model: string): ModelProbeRecord {
  return {
    endpoint, model, at: 1_700_000_000_000, ttftMs: 180, decodeTokensPerSecond: 42.5, prefillTokensPerSecond: null, completionTokens: 64, promptTokens: null, totalMs: 1700,
    source: 'client', estimated: false, cold: false, client: { ttftMs: 180, decodeTokensPerSecond: 42.5, prefillTokensPerSecond: null, tokenChunks: 64 }, server: null, trigger: 'schedule',
  };
}

function hostStatus(): StatusSnapshot {
  const base = emptyStatus(1_700_000_000_000);
  const url = 'http://127.0.0.1:11434';
  const endpoint = upModelEndpoint(url);
  return {
    ...base,
    system: {
      at: base.at, hostname: 'box', platform: 'linux', cpu: { percent: 25, cores: 8 },
      memory: { totalBytes: 16e9, usedBytes: 4e9, availableBytes: 12e9, percent: 25 }, swap: { totalBytes: 0, usedBytes: 0 },
      load: [0.5, 0.25, 0.125], uptimeSeconds: 100,
      disks: [{ mount: '/', fsType: 'ext4', totalBytes: 100e9, freeBytes: 20e9, usedBytes: 80e9, usedPercent: 80 }],
    },
    docker: {
      at: base.at, available: true, endpoint: '/var/run/docker.sock', error: null, engineVersion: '24',
      stacks: [
        { name: 'demo', kind: 'compose', severity: 'ok', counts: { total: 3, running: 2, healthy: 0, unhealthy: 0 }, containers: [container('a', 'running'), container('b', 'running'), container('c', 'exited')] },
        { name: HOSTILE, kind: 'compose', severity: 'ok', counts: { total: 1, running: 1, healthy: 0, unhealthy: 0 }, containers: [container(HOSTILE, 'running')] },
      ],
    },
    gpu: noGpuSnapshot(base.at, {
      available: true, state: 'ok', error: null, source: 'nvidia-smi',
      devices: [{ index: 0, uuid: 'GPU-1', name: 'NVIDIA H100', vendor: 'nvidia', memoryUsedBytes: 1024, memoryTotalBytes: 4096, utilizationPercent: 50, temperatureC: 60, powerW: null, powerLimitW: null, migMode: null, memoryKind: 'dedicated' }],
    }),
    models: { ...base.models, endpoints: [{ ...endpoint, models: [{ name: 'qwen3:8b', loaded: true, sizeBytes: null, vramBytes: null, expiresAt: null, contextLength: null, details: {}, gpus: [], targetTokensPerSecond: 30, lastProbe: probe(url, 'qwen3:8b'), recentDecode: [42.5], severity: 'ok' }] }] },
  };
}

function alertView(overrides: Partial<AlertView>): AlertView {
  return {
    key: 'disk.free|disk:/', kind: 'disk.free', subject: 'disk:/', module: 'system', label: 'Disk /', summary: '', state: 'firing', severity: 'critical', group: null,
    since: 1, firedAt: 1, resolvedAt: null, clearSince: null, lastSeenAt: 1, transitions: 1, flapping: false, silence: null, incidentId: null, runbooks: [], ...overrides,
  };
}

function incident(id: number, severity: IncidentSummary['severity']): IncidentSummary {
  return { id, title: 't', severity, state: 'open', group: 'g', openedAt: 1, acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolvedBy: null, ttaMs: null, ttrMs: null, alertCount: 1, firingCount: 1, kinds: ['disk.free'] };
}

const noAlerts: AlertsSnapshot = { at: 1, alerts: [], worstFiring: null };

function scrape(reading: Partial<MetricsReading>): Promise<string> {
  const full: MetricsReading = { status: hostStatus(), settings: defaultSettings(), alerts: noAlerts, openIncidents: [], ...reading };
  return createMetricsEndpoint({ version: '1.2.3', read: () => full }).scrape();
}

/** The value of one series, by its exact text before the value. */
function value(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics from a status', () => {
  test('every module\'s figures are in base units, shares as ratios', async () => {
    const body = await scrape({});
    assert.equal(value(body, 'opsbar_up'), 1);
    assert.equal(value(body, 'opsbar_build_info{version="1.2.3"}'), 1);
    assert.equal(value(body, 'opsbar_cpu_usage_ratio'), 0.25);
    assert.equal(value(body, 'opsbar_load1'), 0.5);
    assert.equal(value(body, 'opsbar_memory_available_bytes'), 12e9);
    assert.equal(value(body, 'opsbar_memory_used_ratio'), 0.25);
    assert.equal(value(body, 'opsbar_disk_free_bytes{mount="/"}'), 20e9);
    assert.equal(value(body, 'opsbar_disk_total_bytes{mount="/"}'), 100e9);
    assert.ok(Math.abs((value(body, 'opsbar_disk_free_ratio{mount="/"}') ?? 0) - 0.2) < 1e-9);
    assert.equal(value(body, 'opsbar_containers{stack="demo",state="running"}'), 2);
    assert.equal(value(body, 'opsbar_containers{stack="demo",state="exited"}'), 1);
    assert.equal(value(body, 'opsbar_gpu_memory_used_bytes{gpu="0",name="NVIDIA H100"}'), 1024);
    assert.equal(value(body, 'opsbar_gpu_utilization_ratio{gpu="0",name="NVIDIA H100"}'), 0.5);
    assert.equal(value(body, 'opsbar_gpu_temperature_celsius{gpu="0",name="NVIDIA H100"}'), 60);
    assert.equal(value(body, 'opsbar_model_server_up{endpoint="http://127.0.0.1:11434",kind="ollama"}'), 1);
    assert.equal(value(body, 'opsbar_model_decode_tokens_per_second{endpoint="http://127.0.0.1:11434",model="qwen3:8b"}'), 42.5);
    assert.equal(value(body, 'opsbar_model_ttft_seconds{endpoint="http://127.0.0.1:11434",model="qwen3:8b"}'), 0.18);
    assert.equal(value(body, 'opsbar_store_writable'), 1);
    assert.equal(value(body, 'opsbar_collection_errors{module="docker"}'), 0);
  });

  test('a figure not reported has no series, never 0', async () => {
    const body = await scrape({ status: { ...hostStatus(), system: null } });
    assert.doesNotMatch(body, /^opsbar_cpu_usage_ratio /m);
    assert.doesNotMatch(body, /^opsbar_memory_used_bytes /m);
    assert.doesNotMatch(body, /^opsbar_gpu_power_watts/m, 'the GPU reports no power');
    assert.equal(value(body, 'opsbar_collection_errors{module="system"}'), 1);
  });

  test('a hostile container or stack name is escaped: quotes, backslash and newline stay inside one label', async () => {
    const body = await scrape({});
    assert.equal(value(body, 'opsbar_containers{stack="evil\\"name\\\\with\\nnewline",state="running"}'), 1);
    for (const line of body.split('\n')) assert.match(line, /^(#.*|[a-z_0-9]+(\{.*\})? -?[0-9.e+-]+|)$/, `a line of the exposition format: ${JSON.stringify(line)}`);
  });

  test('a container that went away leaves no series at the next scrape', async () => {
    let status = hostStatus();
    const endpoint = createMetricsEndpoint({ version: '1', read: () => ({ status, settings: defaultSettings(), alerts: noAlerts, openIncidents: [] }) });
    assert.match(await endpoint.scrape(), /stack="demo",state="exited"/);
    status = { ...status, docker: { ...status.docker, stacks: [] } };
    assert.doesNotMatch(await endpoint.scrape(), /stack="demo"/);
  });

  test('pending and firing alerts, firing counts per severity, restarts in window, open incidents', async () => {
    const alerts: AlertsSnapshot = {
      at: 1,
      worstFiring: 'emergency',
      alerts: [
        alertView({ kind: 'disk.free', subject: 'disk:/', severity: 'emergency' }),
        alertView({ key: 'k2', kind: 'container.restart_loop', subject: HOSTILE, severity: 'warning', state: 'pending', count: 4 }),
        alertView({ key: 'k3', kind: 'cpu.high', subject: 'cpu', severity: 'warning', state: 'resolved' }),
      ],
    };
    const body = await scrape({ alerts, openIncidents: [incident(1, 'emergency'), incident(2, 'warning')] });
    assert.equal(value(body, 'opsbar_alert{kind="disk.free",subject="disk:/",severity="emergency",state="firing"}'), 1);
    assert.equal(value(body, 'opsbar_alert{kind="container.restart_loop",subject="evil\\"name\\\\with\\nnewline",severity="warning",state="pending"}'), 1);
    assert.doesNotMatch(body, /kind="cpu.high"/, 'a resolved alert is not a series');
    assert.equal(value(body, 'opsbar_alerts_firing{severity="emergency"}'), 1);
    assert.equal(value(body, 'opsbar_alerts_firing{severity="warning"}'), 0, 'pending is not firing');
    assert.equal(value(body, 'opsbar_container_recent_restarts{container="evil\\"name\\\\with\\nnewline"}'), 4);
    assert.equal(value(body, 'opsbar_incidents_open{severity="emergency"}'), 1);
    assert.equal(value(body, 'opsbar_incidents_open{severity="critical"}'), 0);
  });

  test('the history not being saved and a failing module say so', async () => {
    const base = hostStatus();
    const status: StatusSnapshot = {
      ...base,
      checks: [{ id: 'history', label: 'History', severity: 'warning', summary: 'History is not being saved' }],
      gpu: noGpuSnapshot(base.at, { state: 'unknown', error: 'nvidia-smi hangs' }),
      docker: { ...base.docker, available: false, error: 'No Docker engine', stacks: [] },
    };
    const body = await scrape({ status });
    assert.equal(value(body, 'opsbar_store_writable'), 0);
    assert.equal(value(body, 'opsbar_collection_errors{module="gpu"}'), 1);
    assert.equal(value(body, 'opsbar_collection_errors{module="docker"}'), 1);
    assert.equal(value(body, 'opsbar_collection_errors{module="models"}'), 0);
    assert.equal(value(body, 'opsbar_docker_up'), 0);
  });

  test('a module turned off in the config has not failed', async () => {
    const base = hostStatus();
    const status: StatusSnapshot = { ...base, docker: { ...base.docker, available: false, error: 'Docker monitoring is turned off in the config (docker.enabled: false).', stacks: [] } };
    const settings = defaultSettings();
    const body = await scrape({ status, settings: { ...settings, docker: { ...settings.docker, enabled: false } } });
    assert.equal(value(body, 'opsbar_collection_errors{module="docker"}'), 0);
  });
});
