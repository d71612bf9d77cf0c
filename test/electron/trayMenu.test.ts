import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTrayMenu, menuSignature, menuText, trayIconName, trayTooltip } from '../../electron/main/trayMenu';
import type { RunSummary } from '../../shared/types/runbooks';
import type { ModelsSnapshot } from '../../shared/types/models';
import { check, docker, stack, status } from './fakes';

const noop = () => {};
const options = { onOpenDashboard: noop, onQuit: noop };
const labels = (items: ReturnType<typeof buildTrayMenu>) => items.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('buildTrayMenu', () => {
  test('shows overall state, one line per check, then the actions', () => {
    const s = status('ok', [check('disk:/', 'ok', 'Disk /', '41 GB free (82%)')], docker([stack('llm', ['ok', 'ok'])]));
    assert.deepEqual(labels(buildTrayMenu(s, options)), [
      'Overall: OK',
      '---',
      'Disk / — 41 GB free (82%)',
      '---',
      'Open dashboard',
      'Quit Opsbar',
    ]);
  });

  test('status lines are disabled labels carrying their severity; actions are enabled and clickable', () => {
    let opened = 0;
    let quit = 0;
    const items = buildTrayMenu(status('warning', [check('mem', 'warning', 'Memory', '91% used')]), {
      onOpenDashboard: () => opened++,
      onQuit: () => quit++,
    });
    const line = items.find((i) => i.label === 'Memory — 91% used');
    assert.equal(line?.enabled, false);
    assert.equal(line?.severity, 'warning');
    items.find((i) => i.label === 'Open dashboard')?.click?.();
    items.find((i) => i.label === 'Quit Opsbar')?.click?.();
    assert.deepEqual([opened, quit], [1, 1]);
  });

  test('critical items come first, then warnings, unknown, ok; ties keep the core order', () => {
    const s = status('critical', [
      check('a', 'ok', 'A', 'fine'),
      check('b', 'warning', 'B', 'meh'),
      check('c', 'critical', 'C', 'bad'),
      check('d', 'unknown', 'D', '?'),
      check('e', 'critical', 'E', 'worse'),
    ]);
    assert.deepEqual(labels(buildTrayMenu(s, options)).slice(2, 7), ['C — bad', 'E — worse', 'B — meh', 'D — ?', 'A — fine']);
  });

  test('unknown status (no snapshot yet): unknown overall and a waiting line', () => {
    const items = buildTrayMenu(null, options);
    assert.deepEqual(labels(items), ['Overall: Unknown', '---', 'Waiting for the first check…', '---', 'Open dashboard', 'Quit Opsbar']);
    assert.equal(items[0].severity, 'unknown');
  });

  test('a severity the shell does not know is shown as unknown', () => {
    const s = { ...status('ok'), overall: 'purple' } as unknown as Parameters<typeof buildTrayMenu>[0];
    assert.equal(labels(buildTrayMenu(s, options))[0], 'Overall: Unknown');
  });

  test("the core's module lines replace the checks: one GPU line per GPU, worst first, sanitised", () => {
    const lines = [
      { label: 'Docker — 11 of 12 running healthy', severity: 'ok' as const },
      { label: 'GPU 0 · 21.3 of 24.0 GB (89%)', severity: 'ok' as const },
      { label: 'GPU 1 · 23.5 of 24.0 GB (98%)\n<b>', severity: 'critical' as const },
    ];
    const items = buildTrayMenu(status('critical', [check('gpu:1:memory', 'critical', 'GPU 1 memory', '98%')]), { ...options, lines });
    assert.deepEqual(labels(items).slice(2, 5), ['GPU 1 · 23.5 of 24.0 GB (98%) <b>', 'Docker — 11 of 12 running healthy', 'GPU 0 · 21.3 of 24.0 GB (89%)']);
    assert.equal(items[2].severity, 'critical');
    assert.equal(trayTooltip(status('critical'), lines), 'Opsbar — Critical · GPU 1 · 23.5 of 24.0 GB (98%) <b>');
  });
});

describe('trayTooltip', () => {
  test('OK is short', () => {
    assert.equal(trayTooltip(status('ok', [check('d', 'ok', 'Disk /', '41 GB free')], docker([]))), 'Opsbar — OK');
  });
  test('names the worst line and how many more are in trouble', () => {
    const s = status('critical', [check('m', 'warning', 'Memory', '91% used'), check('d', 'critical', 'Disk /', '2 GB free (99%)')], docker([]));
    assert.equal(trayTooltip(s), 'Opsbar — Critical · Disk / — 2 GB free (99%) (+1 more)');
  });
  test('unknown status and the Windows length limit', () => {
    assert.equal(trayTooltip(null), 'Opsbar — Unknown');
    const long = status('warning', [check('x', 'warning', 'L'.repeat(60), 'S'.repeat(200))], docker([]));
    assert.ok(trayTooltip(long).length <= 127);
  });
});

describe('trayIconName and helpers', () => {
  test('one icon per severity; anything else is unknown', () => {
    assert.deepEqual(['ok', 'warning', 'critical', 'unknown', 'nope', undefined].map(trayIconName), [
      'tray-ok',
      'tray-warning',
      'tray-critical',
      'tray-unknown',
      'tray-unknown',
      'tray-unknown',
    ]);
  });
  test('menuSignature ignores click handlers and sees label changes', () => {
    const a = buildTrayMenu(status('ok', [check('d', 'ok', 'Disk', '1 GB')]), options);
    const b = buildTrayMenu(status('ok', [check('d', 'ok', 'Disk', '1 GB')]), { onOpenDashboard: () => 1, onQuit: () => 2 });
    const c = buildTrayMenu(status('ok', [check('d', 'ok', 'Disk', '2 GB')]), options);
    assert.equal(menuSignature(a), menuSignature(b));
    assert.notEqual(menuSignature(a), menuSignature(c));
  });
  test('menuText collapses control characters', () => {
    assert.equal(menuText('a\u0000b\r\nc'), 'a b c');
    assert.equal(menuText(undefined), '');
  });
});

describe('the daily health check in the tray', () => {
  const run = (state: RunSummary['state'], summary = '9 steps passed', endedAt: number | null = 1_000): RunSummary => ({
    id: 7, runbookId: 'daily-health-check', runbookTitle: 'Daily health check', hash: 'h', trigger: 'schedule', startedBy: 'schedule',
    mode: 'auto', state, startedAt: 500, endedAt, currentStep: 0, stepCount: 9, summary,
  });
  const menu = (last: RunSummary | null, onRun = noop) =>
    buildTrayMenu(status('ok'), { ...options, healthCheck: { last, onRun }, formatTime: (ms) => `t${ms}` });

  test('offers the run and says it never ran', () => {
    let runs = 0;
    const items = menu(null, () => runs++);
    assert.deepEqual(labels(items).slice(-5), ['Run daily health check', 'Last health check: never run', '---', 'Open dashboard', 'Quit Opsbar']);
    items.find((i) => i.label === 'Run daily health check')?.click?.();
    assert.equal(runs, 1);
  });

  test('shows the last result with its time and severity; a failure says where it stopped', () => {
    const passed = menu(run('succeeded')).find((i) => i.label?.startsWith('Last health check'));
    assert.equal(passed?.label, 'Last health check: passed t1000');
    assert.equal(passed?.severity, 'ok');
    const failed = menu(run('failed', "stopped at step 3 'Disk free': exit code 1")).find((i) => i.label?.startsWith('Last health check'));
    assert.equal(failed?.label, "Last health check: failed t1000 — stopped at step 3 'Disk free': exit code 1");
    assert.equal(failed?.severity, 'critical');
  });

  test('while a run is going the action is disabled, so a second click cannot start another', () => {
    const items = menu(run('running', '', null));
    const line = items.find((i) => i.label === 'Daily health check running…');
    assert.equal(line?.enabled, false);
    assert.equal(line?.click, undefined);
    assert.equal(items.some((i) => i.label === 'Run daily health check'), false);
  });
});

describe('"Probe models now" in the tray', () => {
  const endpoint = (models: { name: string; loaded: boolean }[], inFlight: { model: string; startedAt: number } | null = null, up = true) =>
    ({ url: 'http://127.0.0.1:11434', up, models, probe: { intervalMinutes: 30, inFlight, lastFailure: null } }) as unknown as ModelsSnapshot['endpoints'][number];
  const withModels = (endpoints: ModelsSnapshot['endpoints']) => ({ ...status('ok'), models: { at: 1, state: 'ok', error: null, endpoints, nextDetectionAt: null } }) as Parameters<typeof buildTrayMenu>[0];

  test('is offered only when a server has a model loaded, and starts the probe', () => {
    let probes = 0;
    const none = buildTrayMenu(withModels([endpoint([{ name: 'qwen3:32b', loaded: false }])]), { ...options, onProbeModels: () => probes++ });
    assert.equal(none.some((i) => i.label?.startsWith('Probe')), false, 'a probe never loads a model by itself');
    const down = buildTrayMenu(withModels([endpoint([{ name: 'qwen3:8b', loaded: true }], null, false)]), { ...options, onProbeModels: () => probes++ });
    assert.equal(down.some((i) => i.label?.startsWith('Probe')), false, 'a server that is down cannot be probed');
    const items = buildTrayMenu(withModels([endpoint([{ name: 'qwen3:8b', loaded: true }])]), { ...options, onProbeModels: () => probes++ });
    const item = items.find((i) => i.label === 'Probe qwen3:8b now');
    assert.ok(item, labels(items).join(' | '));
    item.click?.();
    assert.equal(probes, 1);
    const two = buildTrayMenu(withModels([endpoint([{ name: 'a', loaded: true }, { name: 'b', loaded: true }])]), { ...options, onProbeModels: noop });
    assert.ok(two.some((i) => i.label === 'Probe 2 loaded models now'));
  });

  test('while a probe runs the item is disabled and names the model', () => {
    const items = buildTrayMenu(withModels([endpoint([{ name: 'qwen3:8b', loaded: true }], { model: 'qwen3:8b', startedAt: 1 })]), { ...options, onProbeModels: noop });
    const line = items.find((i) => i.label === 'Probing qwen3:8b…');
    assert.equal(line?.enabled, false);
    assert.equal(line?.click, undefined);
  });
});
