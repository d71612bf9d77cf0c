import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDependsOn } from '../../../../electron/core/actions/container/containerReading';
import { stackStartOrder } from '../../../../electron/core/actions/container/stackOrder';

const c = (service: string, dependsOn: string[] = []) => ({ name: `demo-${service}-1`, service, dependsOn });

test('the compose v2 depends_on label: service names, conditions and restart flags dropped', () => {
  assert.deepEqual(parseDependsOn('db:service_healthy:false,cache:service_started:true'), ['db', 'cache']);
  assert.deepEqual(parseDependsOn(''), []);
  assert.deepEqual(parseDependsOn(undefined), []);
  assert.deepEqual(parseDependsOn('db:service_started:false,db:service_healthy:false'), ['db']);
});

test('start order: dependencies first, ties by name; an unknown dependency is ignored; no labels → name order', () => {
  const { order, cycle } = stackStartOrder([c('web', ['api']), c('api', ['db', 'missing']), c('db'), c('cache')]);
  assert.equal(cycle, null);
  assert.deepEqual(order.map((x) => x.service), ['cache', 'db', 'api', 'web']);
  assert.deepEqual(stackStartOrder([c('b'), c('a')]).order.map((x) => x.service), ['a', 'b']);
});

test('a cycle is returned as a path, not broken', () => {
  const { cycle } = stackStartOrder([c('web', ['api']), c('api', ['db']), c('db', ['web']), c('solo')]);
  assert.equal(cycle, 'api → db → web → api');
});
