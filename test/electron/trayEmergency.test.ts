import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emergencyRoute } from '../../shared/actions/actionLinks';
import { APP_ENTRY_URL } from '../../electron/main/appProtocol';
import { emergencyMenu, MAX_TRAY_STACKS } from '../../electron/main/trayEmergencyItems';
import { buildTrayMenu, menuSignature, type TrayMenuItem } from '../../electron/main/trayMenu';
import { docker, FakeCore, routeDashboard, stack, startRecordingTray, status } from './fakes';

const labels = (items: readonly TrayMenuItem[] | undefined) => (items ?? []).map((i) => (i.type === 'separator' ? '---' : i.label));

describe('the tray\'s Emergency submenu', () => {
  test('free disk space, relieve GPU memory, and one rollback per compose stack (worst first), each opening its plan', () => {
    const opened: string[] = [];
    const s = status('critical', [], docker([stack('web', ['ok']), stack('db', ['critical']), stack('api', ['ok']), { ...stack('solo', ['ok']), kind: 'standalone' }]));
    const items = buildTrayMenu(s, { onOpenDashboard: (route) => opened.push(route ?? '(dashboard)'), onQuit: () => undefined, emergency: true });
    assert.deepEqual(labels(items).slice(-4), ['---', 'Emergency', 'Open dashboard', 'Quit Opsbar']);
    const emergency = items.find((i) => i.label === 'Emergency');
    assert.equal(emergency?.type, 'submenu');
    assert.deepEqual(labels(emergency?.submenu), ['Free disk space…', 'Relieve GPU memory…', '---', 'Roll back db…', 'Roll back api…', 'Roll back web…']);
    for (const item of emergency?.submenu ?? []) item.click?.();
    assert.deepEqual(opened, ['#/emergency/disk', '#/emergency/gpu', '#/emergency/rollback?stack=db', '#/emergency/rollback?stack=api', '#/emergency/rollback?stack=web']);
  });

  test(`at most ${MAX_TRAY_STACKS} stacks, then "…and N more" opening the emergency page; names the API would refuse are left out`, () => {
    const opened: string[] = [];
    const many = Array.from({ length: 13 }, (_, i) => stack(`s${String(i).padStart(2, '0')}`, ['ok']));
    const menu = emergencyMenu(status('ok', [], docker([...many, stack('Bad Name\n<b>', ['critical'])])), (route) => opened.push(route));
    const shown = labels(menu.submenu);
    assert.equal(shown.filter((l) => l?.startsWith('Roll back')).length, MAX_TRAY_STACKS);
    assert.equal(shown.at(-1), '…and 3 more stacks (see dashboard)');
    assert.ok(!shown.some((l) => l?.includes('Bad Name')), shown.join(' | '));
    menu.submenu?.at(-1)?.click?.();
    assert.deepEqual(opened, ['#/emergency']);
    // Without a status (or without Docker) the disk and GPU actions are still there.
    assert.deepEqual(labels(emergencyMenu(null, () => undefined).submenu), ['Free disk space…', 'Relieve GPU memory…']);
  });

  test('a change of the stacks changes the menu signature (the service rebuilds the native menu)', () => {
    const menu = (names: string[]) => buildTrayMenu(status('ok', [], docker(names.map((n) => stack(n, ['ok'])))), { onOpenDashboard: () => undefined, onQuit: () => undefined, emergency: true });
    assert.notEqual(menuSignature(menu(['a'])), menuSignature(menu(['a', 'b'])));
    assert.equal(menuSignature(menu(['a'])), menuSignature(menu(['a'])));
  });

  test('the service turns it into a native submenu, and its items open the dashboard at the plan', () => {
    const core = new FakeCore();
    core.current = status('ok', [], docker([stack('demo', ['ok'])]));
    const { service, opened, template } = startRecordingTray(core, { emergencyMenu: true });
    const native = template().find((i) => i.label === 'Emergency');
    assert.equal(native?.type, 'submenu');
    assert.deepEqual(native?.submenu?.map((i) => (i.type === 'separator' ? '---' : i.label)), ['Free disk space…', 'Relieve GPU memory…', '---', 'Roll back demo…']);
    native?.submenu?.find((i) => i.label === 'Roll back demo…')?.click?.();
    assert.deepEqual(opened, ['#/emergency/rollback?stack=demo']);
    service.dispose();
  });
});


describe('the dashboard opens at an emergency route', () => {
  test("emergencyRoute's routes (with a stack query) are loaded; anything else in a query is not", () => {
    const { dashboard, windows } = routeDashboard();
    dashboard.show(emergencyRoute('disk'));
    dashboard.show(emergencyRoute('rollback', 'my-stack_2.x'));
    dashboard.show('#/emergency/rollback?stack=demo&snapshot=snap-0001');
    dashboard.show('#/emergency/rollback?stack=<script>');
    dashboard.show('#/emergency/rollback?stack=a b');
    dashboard.show('#/emergency?');
    assert.deepEqual(windows[0].loaded, [
      `${APP_ENTRY_URL}#/emergency/disk`,
      `${APP_ENTRY_URL}#/emergency/rollback?stack=my-stack_2.x`,
      `${APP_ENTRY_URL}#/emergency/rollback?stack=demo&snapshot=snap-0001`,
    ]);
  });
});
