// The bounded wait behind verification and a stack's starts, on the test clock and a scripted
// Engine (inspect answers in turn): reached, settled, gone, timed out, aborted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Dockerode from 'dockerode';
import { isUp } from '../../../../electron/core/actions/container/containerReading';
import { cannotComeUp, waitForContainer } from '../../../../electron/core/actions/container/containerWait';
import { dockerCallsFor } from '../../../../electron/core/actions/rollback/dockerCalls';
import { flushPromises, TestClock } from '../../../support/testClock';

type State = { Status: string; Health?: { Status: string } } | 'gone';

/** An Engine whose inspect answers each state in turn (the last one repeats), counting the reads. */
function scripted(states: State[]) {
  let reads = 0;
  const docker = {
    getContainer: () => ({
      inspect: async () => {
        const state = states[Math.min(reads++, states.length - 1)];
        if (state === 'gone') throw Object.assign(new Error('no such container'), { statusCode: 404 });
        return { Id: 'a'.repeat(64), Name: '/web', Image: 'sha256:1', State: { ...state, StartedAt: '2026-12-02T14:02:11Z' }, Config: { Healthcheck: { Test: ['CMD', 'true'] }, Labels: {} }, HostConfig: { RestartPolicy: { Name: 'no' } } };
      },
    }),
  } as unknown as Dockerode;
  return { docker, reads: () => reads };
}

function options(clock: TestClock, docker: Dockerode, signal = new AbortController().signal) {
  return { clock, signal, docker, call: dockerCallsFor(signal, 5_000), timeoutMs: 10_000, everyMs: 1_000 };
}

const running = (health: string): State => ({ Status: 'running', Health: { Status: health } });

test('waits reading on the clock until running and healthy', async () => {
  const clock = new TestClock();
  const engine = scripted([running('starting'), running('starting'), running('healthy')]);
  const done = waitForContainer('web', isUp, cannotComeUp, options(clock, engine.docker));
  await flushPromises();
  assert.equal(engine.reads(), 1);
  await clock.advance(1_000);
  assert.equal(engine.reads(), 2, 'one read per interval, not a busy loop');
  await clock.advance(1_000);
  const result = await done;
  assert.equal(result.verdict, 'reached');
  assert.equal(result.reading?.health, 'healthy');
});

test('unhealthy, or exited without a restart policy, settles at once; a removed container is gone', async () => {
  const clock = new TestClock();
  assert.equal((await waitForContainer('web', isUp, cannotComeUp, options(clock, scripted([running('unhealthy')]).docker))).verdict, 'settled');
  assert.equal((await waitForContainer('web', isUp, cannotComeUp, options(clock, scripted([{ Status: 'exited' }]).docker))).verdict, 'settled');
  assert.equal((await waitForContainer('web', isUp, cannotComeUp, options(clock, scripted(['gone']).docker))).verdict, 'gone');
});

test('gives up at the deadline with the last reading; an abort ends the wait', async () => {
  const clock = new TestClock();
  const engine = scripted([running('starting')]);
  const done = waitForContainer('web', isUp, cannotComeUp, options(clock, engine.docker));
  await flushPromises();
  await clock.advance(9_000);
  let settled = false;
  void done.then(() => (settled = true));
  await clock.advance(0);
  assert.equal(settled, false, 'still waiting before the deadline');
  await clock.advance(1_000);
  const result = await done;
  assert.equal(result.verdict, 'timeout');
  assert.equal(result.reading?.health, 'starting');

  const controller = new AbortController();
  const aborted = waitForContainer('web', isUp, cannotComeUp, options(clock, scripted([running('starting')]).docker, controller.signal));
  await clock.advance(0);
  controller.abort(new Error('cancelled'));
  await assert.rejects(aborted, /cancelled/);
});
