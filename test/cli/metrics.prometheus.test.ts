import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createMetricsEndpoint } from '../../electron/core/metrics/metricsEndpoint';
import { defaultSettings } from '../../shared/config/settingsSchema';
import { eventually } from '../support/eventually';
import { REPO_ROOT, serveOpsbar, type ServedOpsbar } from '../support/opsbarProcess';
import { emptyStatus } from '../support/statusFixtures';
import { tempDir } from '../support/tempDir';

// A real Prometheus (Debian's `prometheus`, installed by .ci/run) scraping the real `opsbar serve`.
const missing = ['prometheus', 'promtool'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const skip = missing.length > 0 ? `SKIPPED: ${missing.join(' and ')} not installed (Debian: apt-get install prometheus; .ci/run does)` : false;
if (skip) process.stderr.write(`\n${skip}\n\n`);

const DOCS = join(REPO_ROOT, 'docs', 'prometheus');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function promtool(args: string[], input?: string): { code: number | null; output: string } {
  const result = spawnSync('promtool', args, { input, encoding: 'utf8' });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

interface Series {
  metric: Record<string, string>;
  value: [number, string];
}

describe('a real Prometheus scrapes opsbar serve', () => {
  if (skip) {
    // One skipped test, so the summary counts it (a skipped suite counts nothing).
    test('Prometheus scrapes /metrics with the token', { skip }, () => undefined);
    return;
  }
  let served: ServedOpsbar;
  let prometheus: ChildProcess;
  let prometheusLog = '';
  let api = '';
  const work = tempDir('opsbar-prometheus-');
  const tokenFile = join(work, 'scrape.token');

  async function query(expr: string): Promise<Series[]> {
    const response = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as { status: string; data: { result: Series[] } };
    assert.equal(body.status, 'success', `query ${expr}`);
    return body.data.result;
  }

  before(async () => {
    const dataDir = tempDir('opsbar-prometheus-data-');
    writeFileSync(join(dataDir, 'config.yaml'), 'docker:\n  enabled: false\ngpu:\n  enabled: false\nmodels:\n  enabled: false\n');
    served = await serveOpsbar(dataDir, ['--token-file', tokenFile]);
    const target = new URL(served.origin).host;
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    copyFileSync(join(DOCS, 'opsbar-rules.yml'), join(work, 'opsbar-rules.yml'));
    writeFileSync(
      join(work, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s }',
        'rule_files: [opsbar-rules.yml]',
        'scrape_configs:',
        '  - job_name: opsbar',
        `    authorization: { credentials_file: ${JSON.stringify(tokenFile)} }`,
        `    static_configs: [{ targets: [${JSON.stringify(target)}] }]`,
        '  - job_name: opsbar-no-token',
        `    static_configs: [{ targets: [${JSON.stringify(target)}] }]`,
        '',
      ].join('\n'),
    );
    prometheus = spawn('prometheus', [`--config.file=${join(work, 'prometheus.yml')}`, `--storage.tsdb.path=${join(work, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    prometheus.stdout?.on('data', (c) => (prometheusLog += c));
    prometheus.stderr?.on('data', (c) => (prometheusLog += c));
  });

  after(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await served?.stop();
  });

  test('the query API returns opsbar_up, then CPU, memory and disk series, from the token-file job', async () => {
    const up = await eventually(
      `Prometheus to return opsbar_up (its log so far:\n${prometheusLog.slice(-2000)})`,
      async () => {
        if (prometheus.exitCode !== null) throw new Error(`prometheus exited (${prometheus.exitCode}):\n${prometheusLog}`);
        try {
          const result = await query('opsbar_up{job="opsbar"}');
          return result.length > 0 && result;
        } catch {
          return false; // not listening yet
        }
      },
      { everyMs: 200 },
    );
    assert.equal(up[0].value[1], '1');
    for (const name of ['opsbar_cpu_usage_ratio', 'opsbar_memory_used_bytes', 'opsbar_memory_available_bytes', 'opsbar_disk_free_bytes', 'opsbar_disk_free_ratio', 'opsbar_build_info']) {
      const series = await query(`${name}{job="opsbar"}`);
      assert.ok(series.length > 0, `${name} is in Prometheus`);
    }
    const disks = await query('opsbar_disk_free_ratio{job="opsbar"}');
    assert.ok(disks.every((s) => s.metric.mount && Number(s.value[1]) >= 0 && Number(s.value[1]) <= 1), JSON.stringify(disks));
  });

  test('the job without the token is refused: its up is 0 and the target says 401', async () => {
    const down = await eventually('a scrape of the job without credentials', async () => {
      const result = await query('up{job="opsbar-no-token"}');
      return result.length > 0 && result;
    });
    assert.equal(down[0].value[1], '0');
    const targets = (await (await fetch(`${api}/api/v1/targets`)).json()) as { data: { activeTargets: { labels: { job: string }; lastError: string; health: string }[] } };
    const refused = targets.data.activeTargets.find((t) => t.labels.job === 'opsbar-no-token');
    assert.equal(refused?.health, 'down');
    assert.match(refused?.lastError ?? '', /401/);
    const good = targets.data.activeTargets.find((t) => t.labels.job === 'opsbar');
    assert.equal(good?.health, 'up');
  });

  test('the fleet rules load and evaluate in Prometheus', async () => {
    const groups = await eventually('the rules to be evaluated', async () => {
      const body = (await (await fetch(`${api}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string; lastEvaluation: string }[] }[] } };
      const rules = body.data.groups.flatMap((g) => g.rules);
      return rules.length > 0 && rules.every((r) => !r.lastEvaluation.startsWith('0001')) && rules;
    });
    assert.deepEqual(groups.map((r) => r.name).sort(), ['OpsbarDiskFreeLow', 'OpsbarDown', 'OpsbarEmergencyFiring']);
    for (const rule of groups) assert.equal(rule.health, 'ok', `${rule.name} evaluates`);
  });

  test('promtool check metrics passes on a scraped body, without lint complaints', async () => {
    const response = await fetch(`${served.origin}/metrics`, { headers: { Authorization: `Bearer ${readFileSync(tokenFile, 'utf8').trim()}` } });
    assert.equal(response.status, 200);
    const { code, output } = promtool(['check', 'metrics'], await response.text());
    assert.equal(code, 0, output);
    assert.equal(output.trim(), '', 'no lint complaints');
  });

  test('promtool parses hostile label values as escaped by prom-client (quotes, backslash, newline)', async () => {
    const hostile = 'evil"name\\with\nnewline';
    const base = emptyStatus();
    const container = { id: 'x', name: hostile, service: null, image: 'i', state: 'running' as const, health: 'none' as const, restartCount: 0, startedAt: null, exitCode: null, cpuPercent: null, memoryBytes: null, memoryLimitBytes: null, ports: [], severity: 'ok' as const };
    const stack = { name: hostile, kind: 'compose' as const, severity: 'ok' as const, counts: { total: 1, running: 1, healthy: 0, unhealthy: 0 }, containers: [container] };
    const status = { ...base, docker: { ...base.docker, available: true, error: null, stacks: [stack] } };
    const body = await createMetricsEndpoint({ version: '0', read: () => ({ status, settings: defaultSettings(), alerts: { at: 1, alerts: [], worstFiring: null }, openIncidents: [] }) }).scrape();
    assert.ok(body.includes('opsbar_containers{stack="evil\\"name\\\\with\\nnewline",state="running"} 1'), body);
    const { code, output } = promtool(['check', 'metrics'], body);
    assert.equal(code, 0, output);
    assert.equal(output.trim(), '');
  });

  test('promtool accepts the README\'s rules and scrape config (docs/prometheus/)', () => {
    const rules = promtool(['check', 'rules', join(DOCS, 'opsbar-rules.yml')]);
    assert.equal(rules.code, 0, rules.output);
    assert.match(rules.output, /SUCCESS: 3 rules found/);
    // A copy, with its credentials_file pointing at a file that exists here.
    const copy = tempDir('opsbar-prometheus-docs-');
    const config = readFileSync(join(DOCS, 'prometheus.yml'), 'utf8');
    assert.match(config, /credentials_file: \/etc\/prometheus\/opsbar\.token/);
    writeFileSync(join(copy, 'prometheus.yml'), config.replace('/etc/prometheus/opsbar.token', tokenFile));
    copyFileSync(join(DOCS, 'opsbar-rules.yml'), join(copy, 'opsbar-rules.yml'));
    const checked = promtool(['check', 'config', join(copy, 'prometheus.yml')]);
    assert.equal(checked.code, 0, checked.output);
  });
});
