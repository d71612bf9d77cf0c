import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MAX_TRAY_ALERTS, trayColourIcon } from '../../electron/main/trayAlertItems';
import { buildTrayMenu, trayTooltip } from '../../electron/main/trayMenu';
import { TrayService, type NativeMenuItem, type TrayLike } from '../../electron/main/trayService';
import type { AlertSeverity } from '../../shared/types/alerts';
import type { Severity } from '../../shared/types/severity';
import { REPO_ROOT } from '../support/opsbarProcess';
import { FakeCore, alertView, alertsOf, check, docker, status } from './fakes';

type Icon = string;
type Menu = { template: NativeMenuItem<Icon>[] };

describe('the tray colour is the worst firing alert', () => {
  const cases: { firing: AlertSeverity[]; pending?: AlertSeverity[]; overall: Severity; icon: string }[] = [
    { firing: ['warning', 'emergency', 'critical'], overall: 'warning', icon: 'tray-emergency' },
    { firing: ['critical', 'warning'], overall: 'ok', icon: 'tray-critical' },
    { firing: ['warning'], overall: 'critical', icon: 'tray-warning' },
    { firing: ['info'], overall: 'ok', icon: 'tray-ok' },
    { firing: [], overall: 'critical', icon: 'tray-ok' },
    { firing: [], pending: ['emergency'], overall: 'critical', icon: 'tray-ok' },
    { firing: [], overall: 'unknown', icon: 'tray-unknown' },
    { firing: ['critical'], overall: 'unknown', icon: 'tray-critical' },
  ];
  for (const c of cases) {
    test(`firing [${c.firing.join(', ')}]${c.pending ? `, pending [${c.pending.join(', ')}]` : ''}, overall ${c.overall} → ${c.icon}`, () => {
      const alerts = alertsOf([
        ...c.firing.map((s, i) => alertView('k', `f${i}`, s)),
        ...(c.pending ?? []).map((s, i) => alertView('k', `p${i}`, s, { state: 'pending' })),
      ]);
      assert.equal(trayColourIcon(alerts, c.overall), c.icon);
    });
  }
});

describe('the menu lists the firing alerts', () => {
  const opened: string[] = [];
  const open = (route?: string) => opened.push(route ?? '(dashboard)');

  test('up to five, worst first, each opening its incident or the alerts view, with its runbooks; "…and N more" beyond', () => {
    opened.length = 0;
    const alerts = alertsOf([
      alertView('cpu.high', 'cpu', 'warning', { label: 'CPU', summary: '97%' }),
      alertView('disk.free', 'disk:/', 'emergency', { label: 'Disk /', summary: '1% free', incidentId: 12, runbooks: ['disk-space-emergency'] }),
      alertView('gpu.memory', 'gpu:0', 'critical', { label: 'GPU 0', summary: '99%', incidentId: 13 }),
      alertView('memory.used', 'memory', 'warning', { label: 'Memory', summary: '93%', state: 'pending' }),
      alertView('model.down', 'http://a', 'critical', { label: 'vLLM', summary: 'down' }),
      alertView('x.one', 'a', 'info', { label: 'Info one' }),
      alertView('x.two', 'b', 'warning', { label: 'Warn two', state: 'resolved' }),
      alertView('x.three', 'c', 'warning', { label: 'Warn three' }),
      alertView('x.four', 'd', 'warning', { label: 'Warn four' }),
    ]);
    const items = buildTrayMenu(status('critical', [check('d', 'critical', 'Disk /', '1% free')], docker([])), {
      onOpenDashboard: open,
      onQuit: () => undefined,
      alerts,
      runbookTitle: (id) => (id === 'disk-space-emergency' ? 'Disk-space emergency' : null),
    });
    const labels = items.map((i) => (i.type === 'separator' ? '---' : i.label));
    assert.deepEqual(labels, [
      'Overall: Critical', '---', 'Firing alerts',
      'Disk / — 1% free', 'Runbook: Disk-space emergency',
      'GPU 0 — 99%', 'vLLM — down', 'CPU — 97%', 'Warn three — x.three is warning',
      `…and 2 more firing (see dashboard)`,
      '---', 'Disk / — 1% free', '---', 'Open dashboard', 'Quit Opsbar',
    ]);
    assert.equal(MAX_TRAY_ALERTS, 5);
    const click = (label: string) => items.find((i) => i.label === label)?.click?.();
    click('Disk / — 1% free');
    click('Runbook: Disk-space emergency');
    click('GPU 0 — 99%');
    click('CPU — 97%');
    click('…and 2 more firing (see dashboard)');
    click('Open dashboard');
    assert.deepEqual(opened, ['#/incidents/12', '#/runbooks/disk-space-emergency', '#/incidents/13', '#/overview', '#/overview', '(dashboard)']);
    assert.equal(items.find((i) => i.label === 'Disk / — 1% free' && i.iconName)?.iconName, 'tray-emergency');
  });

  test('a runbook without a known title shows its id; untrusted text stays one bounded line', () => {
    opened.length = 0;
    const alerts = alertsOf([alertView('container.restart_loop', 'x', 'warning', { label: 'demo\n"loop"\u0007', summary: 'restarted 6 times in 10 min', runbooks: ['a/b c'] })]);
    const items = buildTrayMenu(status('warning'), { onOpenDashboard: open, onQuit: () => undefined, alerts });
    assert.ok(items.some((i) => i.label === 'demo "loop" — restarted 6 times in 10 min'));
    items.find((i) => i.label === 'Runbook: a/b c')?.click?.();
    assert.deepEqual(opened, ['#/runbooks/a%2Fb%20c']);
  });

  test('nothing firing: no alert section, the menu as before', () => {
    const alerts = alertsOf([alertView('k', 's', 'critical', { state: 'pending' })]);
    const items = buildTrayMenu(status('ok'), { onOpenDashboard: open, onQuit: () => undefined, alerts });
    assert.ok(!items.some((i) => i.label === 'Firing alerts'));
  });

  test('the tooltip says what the colour says', () => {
    const firing = alertsOf([alertView('disk.free', 'disk:/', 'emergency', { label: 'Disk /', summary: '1% free' }), alertView('k', 's', 'warning')]);
    assert.equal(trayTooltip(status('critical'), undefined, firing), 'Opsbar — Emergency · Disk / — 1% free (+1 more)');
    assert.equal(trayTooltip(status('critical'), undefined, alertsOf([alertView('k', 's', 'critical', { state: 'pending' })])), 'Opsbar — OK · 1 alert pending');
    assert.equal(trayTooltip(status('unknown'), undefined, alertsOf([])), 'Opsbar — Unknown');
  });
});

describe('TrayService and live alerts', () => {
  function setup() {
    const core = new FakeCore();
    const opened: string[] = [];
    let tray: (TrayLike<Icon, Menu> & { image: Icon; menu: Menu | null; tooltip: string }) | null = null;
    const service = new TrayService<Icon, Menu>({
      createTray: (icon) => {
        const made = {
          image: icon, menu: null as Menu | null, tooltip: '',
          setImage(image: Icon) { made.image = image; },
          setToolTip(text: string) { made.tooltip = text; },
          setContextMenu(menu: Menu | null) { made.menu = menu; },
          on: () => undefined,
          destroy: () => undefined,
        };
        tray = made;
        return made;
      },
      loadIcon: (name) => `icon:${name}`,
      buildMenu: (template) => ({ template }),
      core,
      onOpenDashboard: (route) => opened.push(route ?? '(dashboard)'),
      onQuit: () => undefined,
      platform: 'linux',
      runbookTitle: (id) => `Title of ${id}`,
    });
    return { core, opened, service, tray: () => tray! };
  }

  test('an alerts message alone repaints the icon and the menu, and an item opens its incident', () => {
    const { core, opened, service, tray } = setup();
    core.current = status('critical', [check('d', 'critical', 'Disk /', '1% free')], docker([]));
    service.start();
    assert.equal(tray().image, 'icon:tray-ok');
    core.publishAlerts(alertsOf([alertView('disk.free', 'disk:/', 'emergency', { label: 'Disk /', summary: '1% free', incidentId: 7, runbooks: ['disk-space-emergency'] })]));
    assert.equal(tray().image, 'icon:tray-emergency');
    assert.equal(tray().tooltip, 'Opsbar — Emergency · Disk / — 1% free');
    const items = tray().menu?.template ?? [];
    const item = items.find((i) => i.label === 'Disk / — 1% free' && i.enabled);
    assert.equal(item?.icon, 'icon:tray-emergency');
    item?.click?.();
    items.find((i) => i.label === 'Runbook: Title of disk-space-emergency')?.click?.();
    items.find((i) => i.label === 'Open dashboard')?.click?.();
    assert.deepEqual(opened, ['#/incidents/7', '#/runbooks/disk-space-emergency', '(dashboard)']);
    core.publishAlerts(alertsOf([alertView('disk.free', 'disk:/', 'emergency', { state: 'resolved' })]));
    assert.equal(tray().image, 'icon:tray-ok');
  });
});

describe('the emergency icon', () => {
  test('exists beside the others at 16×16 and 32×32 (@2x)', () => {
    const size = (file: string) => {
      const png = readFileSync(join(REPO_ROOT, 'resources', 'tray', file));
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    for (const name of ['tray-emergency', 'tray-critical']) {
      assert.deepEqual(size(`${name}.png`), [16, 16]);
      assert.deepEqual(size(`${name}@2x.png`), [32, 32]);
    }
  });
});
