// Runs in the preload (isolated world, sandboxed): it may only import 'electron' in the bundle,
// so this file imports nothing. It is also the main process's channel name for the same verb.

/** The one IPC verb by which a link leaves the app: `invoke(IPC_OPEN_LINK_CHANNEL, url)`. */
export const IPC_OPEN_LINK_CHANNEL = 'opsbar:open-link';

/** The parts of a DOM click event the forwarder reads. */
export interface LinkClickEvent {
  readonly isTrusted: boolean;
  readonly defaultPrevented: boolean;
  readonly button: number;
  readonly target: unknown;
  preventDefault(): void;
}

export interface ClickTarget {
  addEventListener(type: 'click' | 'auxclick', listener: (event: LinkClickEvent) => void): void;
}

interface ElementLike {
  closest(selector: string): { href?: unknown } | null;
}

/**
 * The external URL a click should open, or null. Only a trusted event counts: Chromium sets
 * `isTrusted` for input from the operator and never for `el.click()` or `dispatchEvent` from
 * page script, so a page cannot open a link by itself. In-app links (`opsbar:`, `#/…`) stay.
 */
export function linkToForward(event: LinkClickEvent): string | null {
  if (!event.isTrusted || event.defaultPrevented || event.button > 1) return null;
  const target = event.target as Partial<ElementLike> | null;
  const anchor = typeof target?.closest === 'function' ? target.closest('a[href]') : null;
  const href = anchor?.href;
  if (typeof href !== 'string' || href === '' || href.startsWith('opsbar:')) return null;
  return href;
}

/**
 * Listens (bubble phase, so the page's own handlers may still cancel a click) for link clicks
 * and hands external ones to main, which checks the sender and the host allow-list. The
 * default action is cancelled: the page's own window.open / navigation is denied anyway.
 */
export function forwardLinkClicks(target: ClickTarget, openLink: (url: string) => void): void {
  const onClick = (event: LinkClickEvent) => {
    const url = linkToForward(event);
    if (url === null) return;
    event.preventDefault();
    openLink(url);
  };
  target.addEventListener('click', onClick);
  target.addEventListener('auxclick', onClick);
}
