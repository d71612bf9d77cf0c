// Bundled by esbuild into dist/preload/preload.js (sandboxed preload: the bundle may only
// require 'electron'). Exposes exactly one global, `window.opsbar`.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/api/client';
import { API_METHOD_NAMES } from '../../shared/api/methodNames';
import { createBridge } from './preloadBridge';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer, API_METHOD_NAMES));
