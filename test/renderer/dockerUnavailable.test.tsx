/** @jsxRuntime automatic */
import './setupDom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, screen } from '@testing-library/react';
import type { DockerSnapshot } from '../../shared/types/docker';
import { createFakeTransport } from './fakeTransport';
import { NOW, statusSnapshot } from './fixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

const DOWN: DockerSnapshot = {
  at: NOW,
  available: false,
  endpoint: '/var/run/docker.sock',
  error: 'Cannot connect to the Docker engine at /var/run/docker.sock: connect ENOENT (is Docker running?)',
  engineVersion: null,
  stacks: [],
};

describe('Docker unavailable', () => {
  for (const page of ['stacks', 'overview']) {
    it(`shows why and how to connect on the ${page} page`, async () => {
      renderApp(createFakeTransport({ 'docker.stacks': () => DOWN, 'status.get': () => statusSnapshot({ docker: DOWN }) }), page);
      assert.ok(await screen.findByText('Docker not found — here is how to connect'));
      assert.ok(screen.getByText(DOWN.error!));
      assert.ok(screen.getByText('sudo systemctl start docker'));
      assert.ok(screen.getByText('Docker Desktop'));
      assert.ok(screen.getByText('colima start'));
      assert.ok(screen.getByText('docker.endpoint'));
      assert.ok(await screen.findByText('/Users/ops/Library/Application Support/Opsbar/config.yaml'));
    });
  }
});
