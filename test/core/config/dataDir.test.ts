import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveDataDir } from '../../../electron/core/config/dataDir';

test('flag beats environment beats platform default', () => {
  assert.equal(resolveDataDir({ argv: ['serve', '--data-dir', '/a'], env: { OPSBAR_DATA_DIR: '/b' } }), '/a');
  assert.equal(resolveDataDir({ argv: ['--data-dir=/c'], env: {} }), '/c');
  assert.equal(resolveDataDir({ env: { OPSBAR_DATA_DIR: '/b' }, platformDefault: '/electron' }), '/b');
  assert.equal(resolveDataDir({ env: {}, platformDefault: '/electron' }), '/electron');
});

test('platform defaults match Electron userData for an app named Opsbar', () => {
  assert.equal(resolveDataDir({ env: {}, platform: 'darwin', homedir: '/Users/op' }), '/Users/op/Library/Application Support/Opsbar');
  assert.equal(resolveDataDir({ env: {}, platform: 'linux', homedir: '/home/op' }), '/home/op/.config/Opsbar');
  assert.equal(resolveDataDir({ env: { XDG_CONFIG_HOME: '/x' }, platform: 'linux', homedir: '/home/op' }), '/x/Opsbar');
});
