import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { containerActionRoute, stackRestartRoute } from '../../shared/actions/containerRoutes';
import { APP_ENTRY_URL } from '../../electron/main/appProtocol';
import { containerMenu, MAX_TRAY_CONTAINER_STACKS } from '../../electron/main/trayContainerItems';
import { buildTrayMenu, type TrayMenuItem } from '../../electron/main/trayMenu';
import { docker, FakeCore, routeDashboard, stack, startRecordingTray, status } from './fakes';

const labels = (items: readonly TrayMenuItem[] | undefined) => (items ?? []).map((i) => (i.type === 'separator' ? '---' : i.label));

describe("the tray's Containers submenu", () => {
  test('per compose stack (worst first) a submenu: restart the stack, restart or stop a running container, start a stopped one; each opens its plan', () => {
    const opened: string[] = [];
    const shop = stack('shop', ['ok', 'critical']);
    shop.containers[0] = { ...shop.containers[0], state: 'exited', severity: 'warning' };
    const s = status('critical', [], docker([stack('web', ['ok']), { ...shop, severity: 'critical' }, { ...stack('solo', ['ok']), kind: 'standalone' }]));
    const items = buildTrayMenu(s, { onOpenDashboard: (route) => opened.push(route ?? '(dashboard)'), onQuit: () => undefined, containers: true });
    const menu = items.find((i) => i.label === 'Containers');
    assert.equal(menu?.type, 'submenu');
    assert.deepEqual(labels(menu?.submenu), ['shop', 'web', '---', 'Standalone containers']);
    const shopMenu = menu?.submenu?.[0];
    assert.deepEqual(labels(shopMenu?.submenu), ['Restart stack shop…', '---', 'Restart shop-1…', 'Stop shop-1…', 'Start shop-0…']);
    for (const item of shopMenu?.submenu ?? []) item.click?.();
    assert.deepEqual(opened, [stackRestartRoute('shop'), containerActionRoute('restart', 'shop-1'), containerActionRoute('stop', 'shop-1'), containerActionRoute('start', 'shop-0')]);
    assert.deepEqual(opened.slice(0, 2), ['#/emergency/container?verb=restart&stack=shop', '#/emergency/container?verb=restart&container=shop-1']);
    assert.deepEqual(labels(menu?.submenu?.[3].submenu), ['Restart solo-0…', 'Stop solo-0…'], 'no stack restart for standalone containers');
    // Off unless the shell asks for it.
    assert.equal(buildTrayMenu(s, { onOpenDashboard: () => undefined, onQuit: () => undefined }).some((i) => i.label === 'Containers'), false);
  });

  test(`at most ${MAX_TRAY_CONTAINER_STACKS} stacks then "…and N more"; names the contract would refuse are left out; no containers → no submenu`, () => {
    const opened: string[] = [];
    const many = Array.from({ length: 12 }, (_, i) => stack(`s${String(i).padStart(2, '0')}`, ['ok']));
    const bad = stack('Bad Name\n<b>', ['critical']);
    const badContainer = stack('fine', ['ok']);
    badContainer.containers[0] = { ...badContainer.containers[0], name: 'evil\u0007name' };
    const menu = containerMenu(status('ok', [], docker([...many, { ...bad, severity: 'critical' }, { ...badContainer, severity: 'critical' }])), (route) => opened.push(route));
    const shown = labels(menu?.submenu);
    assert.equal(shown.length, MAX_TRAY_CONTAINER_STACKS + 1);
    assert.equal(shown[0], 'fine');
    assert.deepEqual(labels(menu?.submenu?.[0].submenu), ['Restart stack fine…', '---']);
    assert.ok(!shown.some((l) => l?.includes('Bad Name')), shown.join(' | '));
    assert.equal(shown.at(-1), '…and 3 more stacks (see dashboard)');
    menu?.submenu?.at(-1)?.click?.();
    assert.deepEqual(opened, ['#/stacks']);
    assert.equal(containerMenu(null, () => undefined), null);
    assert.equal(containerMenu(status('ok', [], docker([])), () => undefined), null);
  });

  test('the service shows it with containerMenu: true, and the dashboard loads its routes', () => {
    const core = new FakeCore();
    core.current = status('ok', [], docker([stack('demo', ['ok'])]));
    const { service, opened, template } = startRecordingTray(core, { containerMenu: true });
    const native = template().find((i) => i.label === 'Containers');
    const demo = native?.submenu?.find((i) => i.label === 'demo');
    demo?.submenu?.find((i) => i.label === 'Restart demo-0…')?.click?.();
    assert.deepEqual(opened, ['#/emergency/container?verb=restart&container=demo-0']);
    service.dispose();

    const { dashboard, windows } = routeDashboard();
    dashboard.show(containerActionRoute('restart', 'My_App.1-web'));
    dashboard.show(stackRestartRoute('demo'));
    assert.deepEqual(windows[0].loaded, [`${APP_ENTRY_URL}#/emergency/container?verb=restart&container=My_App.1-web`, `${APP_ENTRY_URL}#/emergency/container?verb=restart&stack=demo`]);
  });
});
