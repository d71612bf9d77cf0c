import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../shared/security/contentSecurityPolicy';

const root = fileURLToPath(new URL('.', import.meta.url));

/** index.html keeps its CSP readable as a literal; the build fails if it drifts from the shared one. */
function cspMatchesShared(): Plugin {
  return {
    name: 'opsbar-csp-matches-shared',
    transformIndexHtml(html) {
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
      if (meta?.[1] !== CONTENT_SECURITY_POLICY) {
        throw new Error(`renderer/index.html CSP differs from shared/security/contentSecurityPolicy.ts:\n  ${meta?.[1]}\n  ${CONTENT_SECURITY_POLICY}`);
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
