// Lint keeps the runtime fences: only electron/main imports Electron; the core and shared
// code never do; the renderer and shared code never import Node modules or the core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'dockerode', 'systeminformation', 'node-cron', 'yaml', 'plist', 'electron'];

const noElectron = { name: 'electron', message: 'Only electron/main may import Electron: keep the core plain Node.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/core/**', 'test/core/**', 'bench/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/electron/main/**', '../main/**'], message: 'The core must not depend on the Electron shell.' }] }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({ name, message: 'shared/ runs anywhere: no Node or Electron modules.' })),
          patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing of the app.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node or Electron modules.' })),
          patterns: [{ group: ['**/electron/**'], message: 'The renderer talks to the core only through the shared API contract.' }],
        },
      ],
    },
  },
);
