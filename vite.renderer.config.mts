import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './shared/security/contentSecurityPolicy';

// Build config (runs in Node, so it lives beside package.json, outside the renderer's fence).
const root = fileURLToPath(new URL('./renderer/', import.meta.url));

/**
 * The CSP as a <meta> tag may carry every directive of the shared policy except those browsers
 * ignore there (frame-ancestors: Chromium logs an error for it; the server and Electron send it
 * as a header). index.html keeps the policy readable as a literal; the build fails on drift.
 */
const META_CSP = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

function cspMatchesShared(): Plugin {
  return {
    name: 'opsbar-csp-matches-shared',
    transformIndexHtml(html) {
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
      if (meta?.[1] !== META_CSP) {
        throw new Error(`renderer/index.html CSP differs from shared/security/contentSecurityPolicy.ts:\n  ${meta?.[1]}\n  ${META_CSP}`);
      }
      return html;
    },
  };
}

// No React plugin: Vite's own transform compiles JSX (automatic runtime); no fast refresh needed.
export default defineConfig({
  root,
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [cspMatchesShared()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Everything in files the CSP allows: no inlined data: scripts, no inline <style>.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
});
