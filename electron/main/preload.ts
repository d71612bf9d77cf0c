// Bundled by esbuild into dist/preload/preload.js (sandboxed preload: the bundle may only
// require 'electron'). Exposes exactly one global, `window.opsbar`, and forwards the
// operator's clicks on external links to main (the page cannot send those itself).
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/api/client';
import { API_METHOD_NAMES } from '../../shared/api/methodNames';
import { IPC_OPEN_LINK_CHANNEL, forwardLinkClicks, type ClickTarget } from './linkClickForwarder';
import { createBridge } from './preloadBridge';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer, API_METHOD_NAMES));
// The preload's `window` is the page's window seen from the isolated world; the Node tsconfig has no DOM types.
declare const window: ClickTarget;
forwardLinkClicks(window, (url) => void ipcRenderer.invoke(IPC_OPEN_LINK_CHANNEL, url));
