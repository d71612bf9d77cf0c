import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RunSummary } from '../../shared/types/runbooks';
import { TrayService, type NativeMenuItem, type TrayLike, type TrayServiceDeps } from '../../electron/main/trayService';
import { FakeCore, alertView, alertsOf, check, docker, stack, status } from './fakes';

type Icon = string;
type Menu = { template: NativeMenuItem<Icon>[] };

class FakeTray implements TrayLike<Icon, Menu> {
  readonly calls: string[] = [];
  image: Icon;
  tooltip = '';
  menu: Menu | null = null;
  clickListeners: (() => void)[] = [];
  destroyed = false;
  constructor(icon: Icon) {
    this.image = icon;
  }
  setImage(image: Icon) {
    this.calls.push('setImage');
    this.image = image;
  }
  setToolTip(text: string) {
    this.calls.push('setToolTip');
    this.tooltip = text;
  }
  setContextMenu(menu: Menu | null) {
    this.calls.push('setContextMenu');
    this.menu = menu;
  }
  on(_event: 'click', listener: () => void) {
    this.clickListeners.push(listener);
  }
  destroy() {
    this.destroyed = true;
  }
}

function setup(platform: NodeJS.Platform = 'linux', healthCheck?: TrayServiceDeps<Icon, Menu>['healthCheck']) {
  const core = new FakeCore();
  const trays: FakeTray[] = [];
  const loaded: string[] = [];
  const actions: string[] = [];
  let menusBuilt = 0;
  const service = new TrayService<Icon, Menu>({
    createTray: (icon) => {
      const tray = new FakeTray(icon);
      trays.push(tray);
      return tray;
    },
    loadIcon: (name) => {
      loaded.push(name);
      return `icon:${name}`;
    },
    buildMenu: (template) => {
      menusBuilt++;
      return { template };
    },
    core,
    onOpenDashboard: () => actions.push('open'),
    onQuit: () => actions.push('quit'),
    platform,
    healthCheck,
  });
  return { core, trays, loaded, actions, service, menusBuilt: () => menusBuilt };
}

const labelsOf = (menu: Menu | null) => (menu?.template ?? []).map((i) => (i.type === 'separator' ? '---' : i.label));

describe('TrayService', () => {
  test('start creates one tray with the icon, tooltip and menu for the current status', () => {
    const { core, trays, service } = setup();
    core.current = status('warning', [check('mem', 'warning', 'Memory', '91% used')], docker([]));
    core.currentAlerts = alertsOf([alertView('memory.used', 'memory', 'warning', { label: 'Memory', summary: '91% used' })]);
    service.start();
    service.start();
    assert.equal(trays.length, 1);
    const tray = trays[0];
    assert.equal(tray.image, 'icon:tray-warning');
    assert.equal(tray.tooltip, 'Opsbar — Warning · Memory — 91% used');
    assert.deepEqual(labelsOf(tray.menu), ['Overall: Warning', '---', 'Firing alerts', 'Memory — 91% used', '---', 'Memory — 91% used', '---', 'Open dashboard', 'Quit Opsbar']);
  });

  test('menu items get severity dots, and the actions reach the shell', () => {
    const { core, trays, service, actions } = setup();
    core.current = status('ok', [check('d', 'ok', 'Disk /', '41 GB free (82%)')], docker([]));
    service.start();
    const items = trays[0].menu?.template ?? [];
    assert.equal(items.find((i) => i.label === 'Disk / — 41 GB free (82%)')?.icon, 'icon:tray-ok');
    assert.equal(items.find((i) => i.label === 'Disk / — 41 GB free (82%)')?.enabled, false);
    items.find((i) => i.label === 'Open dashboard')?.click?.();
    items.find((i) => i.label === 'Quit Opsbar')?.click?.();
    assert.deepEqual(actions, ['open', 'quit']);
  });

  test('live status that changes nothing visible touches nothing (no menu rebuild every 2 s)', () => {
    const { core, trays, service, menusBuilt } = setup();
    const same = (at: number) => status('ok', [check('d', 'ok', 'Disk /', '41 GB free (82%)')], docker([stack('llm', ['ok'])]), at);
    core.current = same(1);
    service.start();
    const tray = trays[0];
    tray.calls.length = 0;
    const built = menusBuilt();
    for (let at = 2; at < 30; at++) core.publishStatus(same(at));
    assert.deepEqual(tray.calls, []);
    assert.equal(menusBuilt(), built);
  });

  test('a changed line rebuilds the menu only; a firing alert also swaps icon and tooltip', () => {
    const { core, trays, service } = setup();
    core.current = status('ok', [check('d', 'ok', 'Disk /', '41 GB free (82%)')], docker([]));
    service.start();
    const tray = trays[0];
    tray.calls.length = 0;
    core.publishStatus(status('ok', [check('d', 'ok', 'Disk /', '40 GB free (83%)')], docker([])));
    assert.deepEqual(tray.calls, ['setContextMenu']);
    tray.calls.length = 0;
    core.publishStatus(status('critical', [check('d', 'critical', 'Disk /', '1 GB free (99%)')], docker([])));
    assert.deepEqual(tray.calls, ['setContextMenu'], 'a critical check whose alert has not fired yet does not colour the tray');
    tray.calls.length = 0;
    core.publishAlerts(alertsOf([alertView('disk.free', 'disk:/', 'critical', { label: 'Disk /', summary: '1 GB free (99%)' })]));
    assert.deepEqual(tray.calls, ['setImage', 'setToolTip', 'setContextMenu']);
    assert.equal(tray.image, 'icon:tray-critical');
  });

  test('event messages are ignored; icons are loaded once per name', () => {
    const { core, trays, service, loaded } = setup();
    service.start();
    for (const listener of core.listeners) listener({ type: 'event', event: { id: 1, at: 1, source: 'opsbar', kind: 'x', severity: 'info', subject: 's', message: 'm', attributes: {} } });
    assert.deepEqual(trays[0].calls, ['setToolTip', 'setContextMenu']);
    core.publishStatus(status('ok', [], docker([])));
    core.publishStatus(status('unknown'));
    core.publishStatus(status('ok', [], docker([])));
    assert.equal(loaded.filter((n) => n === 'tray-ok').length, 1);
    assert.equal(loaded.filter((n) => n === 'tray-unknown').length, 1);
  });

  test('left click opens the dashboard on Windows only', () => {
    const win = setup('win32');
    win.service.start();
    win.trays[0].clickListeners.forEach((l) => l());
    assert.deepEqual(win.actions, ['open']);
    const mac = setup('darwin');
    mac.service.start();
    assert.equal(mac.trays[0].clickListeners.length, 0);
  });

  test('dispose destroys the tray and unsubscribes', () => {
    const { core, trays, service } = setup();
    service.start();
    service.dispose();
    assert.equal(trays[0].destroyed, true);
    assert.equal(core.listeners.size, 0);
    service.update(status('critical'));
  });

  test('the health check line follows live runs of that runbook only, and its click starts a run', () => {
    const started: string[] = [];
    const summary = (runbookId: string, state: RunSummary['state'], summaryText = ''): RunSummary => ({
      id: 3, runbookId, runbookTitle: runbookId, hash: 'h', trigger: 'tray', startedBy: 'tray', mode: 'auto', state,
      startedAt: 1, endedAt: state === 'running' ? null : 2, currentStep: 0, stepCount: 5, summary: summaryText,
    });
    const { core, trays, service } = setup('linux', { runbookId: 'daily-health-check', lastRun: () => null, run: () => started.push('run') });
    service.start();
    const menu = () => labelsOf(trays[0].menu);
    assert.ok(menu().includes('Last health check: never run'));
    trays[0].menu?.template.find((i) => i.label === 'Run daily health check')?.click?.();
    assert.deepEqual(started, ['run']);
    const publishRun = (run: RunSummary) => {
      for (const listener of core.listeners) listener({ type: 'run', run: { ...run, params: {}, wait: null, suggestedRunbook: null, notes: '' }, attempts: [] });
    };
    publishRun(summary('daily-health-check', 'running'));
    assert.ok(menu().includes('Daily health check running…'));
    publishRun(summary('backup-and-verify', 'failed', 'other runbook'));
    assert.ok(menu().includes('Daily health check running…'));
    publishRun(summary('daily-health-check', 'failed', "stopped at step 2 'Docker answers'"));
    assert.ok(menu().some((label) => label?.startsWith('Last health check: failed') && label.endsWith("stopped at step 2 'Docker answers'")));
  });
});
