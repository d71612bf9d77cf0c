import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/appProtocol';
import { setupSecurity, withContentSecurityPolicy, type SessionLike } from '../../electron/main/security';
import { quietLog } from './fakes';

class FakeSession extends EventEmitter implements SessionLike {
  deviceHandler?: (details: { deviceType?: string }) => boolean;
  setDevicePermissionHandler(handler: NonNullable<FakeSession['deviceHandler']>) {
    this.deviceHandler = handler;
  }
  requestHandler?: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
  checkHandler?: (wc: unknown, permission: string) => boolean;
  headersListener?: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
  setPermissionRequestHandler(handler: NonNullable<FakeSession['requestHandler']>) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['checkHandler']>) {
    this.checkHandler = handler;
  }
  webRequest = { onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => void (this.headersListener = listener) };
}

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: 'deny' };
  constructor(readonly session?: FakeSession) {
    super();
  }
  setWindowOpenHandler(handler: NonNullable<FakeContents['openHandler']>) {
    this.openHandler = handler;
  }
  /** Emits like Electron: an event with url (and isMainFrame), plus the legacy url argument. */
  fire(name: string, url: string, isMainFrame = true) {
    let prevented = false;
    this.emit(name, { url, isMainFrame, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

function setup() {
  const app = new EventEmitter();
  const session = new FakeSession();
  // Nothing in the guards may open a link; this records any attempt through shell-like paths.
  const opened: string[] = [];
  const log = quietLog();
  setupSecurity({ app, session, log });
  const contents = new FakeContents(new FakeSession());
  app.emit('web-contents-created', {}, contents);
  return { app, session, contents, opened, log };
}

describe('permissions', () => {
  test('every permission request and check is denied, on the default session and new ones', () => {
    const { session, contents } = setup();
    for (const s of [session, contents.session]) {
      const answers: boolean[] = [];
      for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) s?.requestHandler?.(null, permission, (granted) => answers.push(granted));
      assert.deepEqual(answers, [false, false, false, false, false]);
      assert.equal(s?.checkHandler?.(null, 'media'), false);
    }
  });

  test('device permissions are denied and every device chooser is cancelled, on every session', () => {
    const { session, contents } = setup();
    for (const s of [session, contents.session as FakeSession]) {
      assert.equal(s.deviceHandler?.({ deviceType: 'usb' }), false);
      assert.equal(s.deviceHandler?.({ deviceType: 'hid' }), false);
      const answers: unknown[][] = [];
      const prevented: string[] = [];
      const event = (name: string) => ({ preventDefault: () => prevented.push(name) });
      s.emit('select-hid-device', event('hid'), { deviceList: [{ deviceId: 'h1' }] }, (...a: unknown[]) => answers.push(['hid', ...a]));
      s.emit('select-serial-port', event('serial'), [{ portId: 'p1' }], {}, (...a: unknown[]) => answers.push(['serial', ...a]));
      s.emit('select-usb-device', event('usb'), { deviceList: [{ deviceId: 'u1' }] }, (...a: unknown[]) => answers.push(['usb', ...a]));
      assert.deepEqual(prevented, ['hid', 'serial', 'usb']);
      assert.deepEqual(answers, [['hid', null], ['serial', ''], ['usb']]);
    }
  });

  test('a session is hardened once however many webContents use it', () => {
    const app = new EventEmitter();
    const shared = new FakeSession();
    let installs = 0;
    const original = shared.setPermissionRequestHandler.bind(shared);
    shared.setPermissionRequestHandler = (h) => (installs++, original(h));
    setupSecurity({ app, session: shared, log: quietLog() });
    app.emit('web-contents-created', {}, new FakeContents(shared));
    app.emit('web-contents-created', {}, new FakeContents(shared));
    assert.equal(installs, 1);
  });
});

describe('CSP header', () => {
  test('app pages get the CSP (replacing any other); other URLs are untouched', () => {
    assert.deepEqual(withContentSecurityPolicy('opsbar://app/index.html', { 'content-security-policy': ['default-src *'], 'X-A': ['1'] }), {
      'X-A': ['1'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    assert.deepEqual(withContentSecurityPolicy('https://example.com/', { 'X-A': ['1'] }), { 'X-A': ['1'] });
  });

  test('the session listener applies it', () => {
    const { session } = setup();
    let answer: unknown;
    session.headersListener?.({ url: 'opsbar://app/index.html' }, (r) => (answer = r));
    assert.deepEqual(answer, { responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});

describe('webContents guards', () => {
  test('navigation inside the app is allowed', () => {
    const { contents, opened } = setup();
    assert.equal(contents.fire('will-navigate', 'opsbar://app/index.html#/docker'), false);
    assert.deepEqual(opened, []);
  });

  test('navigation away is denied and logged; nothing opens in the OS browser (no click was seen)', () => {
    const { contents, opened, log } = setup();
    assert.equal(contents.fire('will-navigate', 'https://github.com/'), true);
    assert.equal(contents.fire('will-navigate', 'file:///etc/passwd'), true);
    assert.deepEqual(opened, []);
    assert.ok(log.lines.some((l) => l.includes('Blocked navigation to "https://github.com/"')));
  });

  test('redirects and subframe navigations away are denied and logged, never opened', () => {
    const { contents, opened, log } = setup();
    assert.equal(contents.fire('will-redirect', 'https://evil.example/'), true);
    assert.equal(contents.fire('will-frame-navigate', 'https://evil.example/frame', false), true);
    assert.equal(contents.fire('will-frame-navigate', 'opsbar://app/x.html', false), false);
    assert.equal(contents.fire('will-frame-navigate', 'https://main.example/', true), false, 'main frame is will-navigate\'s job');
    assert.deepEqual(opened, []);
    assert.ok(log.lines.some((l) => l.includes('Blocked redirect to "https://evil.example/"')));
  });

  test('window.open is always denied and opens nothing by itself', () => {
    const { contents, opened, log } = setup();
    assert.deepEqual(contents.openHandler?.({ url: 'https://docs.docker.com/' }), { action: 'deny' });
    assert.deepEqual(contents.openHandler?.({ url: 'opsbar://app/index.html' }), { action: 'deny' });
    assert.deepEqual(opened, []);
    assert.ok(log.lines.some((l) => l.includes('Blocked a new window for "https://docs.docker.com/"')));
  });

  test('a Bluetooth device chooser is cancelled (never Electron\'s default of the first device)', () => {
    const { contents } = setup();
    let prevented = false;
    const picked: string[] = [];
    contents.emit('select-bluetooth-device', { preventDefault: () => (prevented = true) }, [{ deviceId: 'a' }], (id: string) => picked.push(id));
    assert.equal(prevented, true);
    assert.deepEqual(picked, ['']);
  });

  test('<webview> is never attached', () => {
    const { contents, log } = setup();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    assert.equal(prevented, true);
    assert.ok(log.lines.some((l) => l.includes('webview')));
  });
});
