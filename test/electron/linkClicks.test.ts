// Links leave the app only from the operator's clicks: the preload's forwarder (trusted events
// only) → the IPC verb (our window's main frame only) → the opener (https, allow-listed hosts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXTERNAL_LINK_HOSTS } from '../../electron/main/externalLinkHosts';
import { openExternalSafely } from '../../electron/main/externalLinks';
import { setupIpc, type InvokeEventLike, type IpcMainLike } from '../../electron/main/ipc';
import { IPC_OPEN_LINK_CHANNEL, forwardLinkClicks, linkToForward, type LinkClickEvent } from '../../electron/main/linkClickForwarder';
import { FakeCore, FakeWebContents, quietLog } from './fakes';

function anchorTarget(href: string | null) {
  return { closest: (selector: string) => (selector === 'a[href]' && href !== null ? { href } : null) };
}

function click(href: string | null, overrides: Partial<LinkClickEvent> = {}) {
  const event = { isTrusted: true, defaultPrevented: false, button: 0, target: anchorTarget(href), prevented: false, preventDefault: () => (event.prevented = true), ...overrides };
  return event;
}

describe('link click forwarder (preload)', () => {
  test("an operator's click on an external link is forwarded and its default action cancelled", () => {
    const listeners = new Map<string, (e: LinkClickEvent) => void>();
    const sent: string[] = [];
    forwardLinkClicks({ addEventListener: (type, listener) => void listeners.set(type, listener) }, (url) => sent.push(url));
    const event = click('https://docs.docker.com/engine/');
    listeners.get('click')?.(event);
    assert.deepEqual(sent, ['https://docs.docker.com/engine/']);
    assert.equal(event.prevented, true);
    assert.ok(listeners.has('auxclick'), 'middle-clicks are handled too');
  });

  test('a click made by page script (untrusted), a cancelled click, a right-click or an in-app link is not forwarded', () => {
    assert.equal(linkToForward(click('https://docs.docker.com/', { isTrusted: false })), null);
    assert.equal(linkToForward(click('https://docs.docker.com/', { defaultPrevented: true })), null);
    assert.equal(linkToForward(click('https://docs.docker.com/', { button: 2 })), null);
    assert.equal(linkToForward(click('opsbar://app/index.html#/gpu')), null);
    assert.equal(linkToForward(click(null)), null);
    assert.equal(linkToForward({ ...click('x'), target: null }), null);
  });
});

describe('links.open IPC verb (main)', () => {
  function setup() {
    const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
    const opened: string[] = [];
    const log = quietLog();
    const shell = { openExternal: async (url: string) => void opened.push(url) };
    const service = setupIpc({ ipcMain, core: new FakeCore(), log, openLink: (url) => openExternalSafely(url, shell, { allowedHosts: EXTERNAL_LINK_HOSTS, log }) });
    service.attachWindow(new FakeWebContents(7));
    const open = (senderId: number, url: unknown, frameUrl = 'opsbar://app/index.html') =>
      handlers.get(IPC_OPEN_LINK_CHANNEL)?.({ sender: { id: senderId }, senderFrame: { url: frameUrl, parent: null } }, url);
    return { handlers, opened, log, open, service };
  }

  test('opens an allow-listed https link clicked in our window', async () => {
    const { open, opened } = setup();
    assert.equal(await open(7, 'https://docs.docker.com/engine/'), true);
    assert.deepEqual(opened, ['https://docs.docker.com/engine/']);
  });

  test('refuses hosts off the list, other schemes, and senders other than our window\'s app page', async () => {
    const { open, opened, log } = setup();
    assert.equal(await open(7, 'https://evil.example/'), false);
    assert.equal(await open(7, 'http://docs.docker.com/'), false);
    assert.equal(await open(99, 'https://docs.docker.com/'), false);
    assert.equal(await open(7, 'https://docs.docker.com/', 'https://evil.example/'), false);
    assert.deepEqual(opened, []);
    assert.ok(log.lines.some((l) => l.includes('host evil.example is not on the allow-list')));
    assert.ok(log.lines.some((l) => l.includes('Link open refused: sent from a window the shell did not create')));
  });

  test('dispose removes the verb', () => {
    const { handlers, service } = setup();
    service.dispose();
    assert.equal(handlers.has(IPC_OPEN_LINK_CHANNEL), false);
  });
});
