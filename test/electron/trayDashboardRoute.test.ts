import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ENTRY_URL } from '../../electron/main/appProtocol';
import { routeDashboard } from './fakes';

// The tray's alert items open the dashboard at a route: `show(route)` of the one dashboard window.
describe('the dashboard opened at a route (tray alert items)', () => {
  test('a new window loads the page at the route; an open one moves to it', () => {
    const { dashboard, windows } = routeDashboard();
    dashboard.show('#/incidents/12');
    assert.deepEqual(windows[0].loaded, [`${APP_ENTRY_URL}#/incidents/12`]);
    dashboard.show('#/runbooks/disk-space-emergency');
    dashboard.show();
    assert.equal(windows.length, 1);
    assert.deepEqual(windows[0].loaded, [`${APP_ENTRY_URL}#/incidents/12`, `${APP_ENTRY_URL}#/runbooks/disk-space-emergency`], 'no route: shown where it is');
  });

  test('anything but one of the app\'s own hash routes is not loaded', () => {
    const { dashboard, windows } = routeDashboard();
    for (const route of ['https://evil.example/', 'javascript:alert(1)', '#/incidents/1"><img', '//evil.example', '#/Incidents\n/1']) dashboard.show(route);
    assert.deepEqual(windows[0].loaded, [APP_ENTRY_URL]);
  });
});
