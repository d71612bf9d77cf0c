import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { OpsbarStore } from '../../../electron/core/store/opsbarStore';
import type { NewOpsEvent } from '../../../shared/types/events';
import { tempDir } from '../../support/tempDir';
import { NOW } from './fixtures/storeFixtures';

const event = (i: number, subject: string): NewOpsEvent => ({
  at: NOW + i,
  source: 'docker',
  kind: 'container.die',
  severity: i % 5 === 0 ? 'critical' : 'info',
  subject,
  message: `event ${i}`,
  attributes: { exitCode: String(i) },
});

test('events page newest first by beforeId, optionally for one subject', () => {
  const { store } = OpsbarStore.open(join(tempDir(), 'opsbar.db'), { now: () => NOW });
  const added = Array.from({ length: 25 }, (_, i) => store.addEvent(event(i + 1, i % 2 === 0 ? 'ollama' : 'comfyui')));
  assert.deepEqual(added.map((e) => e.id), Array.from({ length: 25 }, (_, i) => i + 1));

  const first = store.listEvents({ limit: 10 });
  assert.deepEqual(first.map((e) => e.id), [25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
  const second = store.listEvents({ limit: 10, beforeId: first[first.length - 1].id });
  assert.deepEqual(second.map((e) => e.id), [15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
  assert.deepEqual(store.listEvents({ limit: 10, beforeId: 3 }).map((e) => e.id), [2, 1]);

  const ollama = store.listEvents({ limit: 4, subject: 'ollama' });
  assert.deepEqual(ollama.map((e) => e.id), [25, 23, 21, 19]);
  assert.deepEqual(store.listEvents({ limit: 3, subject: 'ollama', beforeId: 19 }).map((e) => e.id), [17, 15, 13]);
  assert.deepEqual(store.listEvents({ limit: 3, subject: 'nobody' }), []);
  assert.deepEqual(store.listEvents({ limit: 0 }), []);
  store.close();
});

test('an event is durable on return and its fields and attributes round-trip', () => {
  const file = join(tempDir(), 'opsbar.db');
  const { store } = OpsbarStore.open(file, { now: () => NOW });
  const original: NewOpsEvent = {
    at: NOW,
    source: 'system',
    kind: 'disk.threshold',
    severity: 'warning',
    subject: '/mnt/models — "ünïcode" \'quotes\'',
    message: 'Disk /mnt/models is 91% full',
    attributes: { mount: '/mnt/models', percent: '91', empty: '', json: '{"nested":[1,2]}' },
  };
  const stored = store.addEvent(original);
  assert.deepEqual(stored, { ...original, id: 1 });
  store.close();

  const { store: reopened } = OpsbarStore.open(file, { now: () => NOW });
  assert.deepEqual(reopened.listEvents({ limit: 1 }), [{ ...original, id: 1 }]);
  assert.deepEqual(reopened.listEvents({ limit: 1, subject: original.subject }), [{ ...original, id: 1 }]);
  reopened.close();
});
