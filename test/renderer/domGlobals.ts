// A browser-like global DOM for component tests (setupDom.ts loads it before Testing Library,
// which binds `screen` to the document as it loads).
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://127.0.0.1:4999/', pretendToBeVisual: true });
const { window } = dom;
const globals = globalThis as Record<string, unknown>;

globals.window = window;
globals.document = window.document;
// Node 20 has no `navigator`; newer Nodes have a read-only one, so define rather than assign.
Object.defineProperty(globalThis, 'navigator', { value: window.navigator, configurable: true });
for (const name of [
  'HTMLElement',
  'HTMLInputElement',
  'HTMLButtonElement',
  'SVGElement',
  'Element',
  'Node',
  'Text',
  'DocumentFragment',
  'Event',
  'MouseEvent',
  'KeyboardEvent',
  'InputEvent',
  'FocusEvent',
  'MutationObserver',
  'getComputedStyle',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'location',
]) {
  if (!(name in globalThis) || globals[name] === undefined) {
    const value = (window as unknown as Record<string, unknown>)[name];
    globals[name] = typeof value === 'function' && /^[a-z]/.test(name) ? value.bind(window) : value;
  }
}
// Tell React that tests wrap updates in act().
globals.IS_REACT_ACT_ENVIRONMENT = true;
