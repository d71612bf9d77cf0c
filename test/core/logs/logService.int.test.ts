// Container log sessions against the real Docker engine.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { NotFoundError, UnavailableError } from '../../../electron/core/api/dispatcher';
import { BATCH_MAX_LINES, PENDING_MAX_BYTES, PENDING_MAX_LINES } from '../../../electron/core/logs/logBatcher';
import { MAX_LOG_SESSIONS } from '../../../electron/core/logs/logService';
import { MAX_LINE_BYTES } from '../../../electron/core/logs/logLines';
import { createTestStack, removeTestStacks, requireDocker, testDocker } from '../../support/dockerEngine';
import { eventually } from '../../support/eventually';
import { TestClock } from '../../support/testClock';
import { createRawTestContainer, logServiceHarness } from './logServiceHarness';

after(() => removeTestStacks());

const P = `opsbar-logs-${process.pid}`;
const TICKER = ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo tick$i; sleep 0.05; done'];

async function printer(project: string, command: string[]) {
  const stack = await createTestStack(project, [{ name: 'app', command }]);
  return stack.get('app');
}

test('the last lines: stdout and stderr in order, with their timestamps; the tail limit', async (t) => {
  if (!(await requireDocker(t))) return;
  const c = await printer(`${P}-a`, ['sh', '-c', 'for i in 1 2 3; do echo out$i; echo err$i >&2; done; touch /tmp/done; sleep 3600']);
  const { service } = logServiceHarness();
  const session = await eventually('all six lines', async () => {
    const s = await service.open({ container: c.name, tail: 500, follow: false });
    return s.lines.length === 6 && s;
  });
  // The engine reads the two pipes separately: within a stream the order is kept, across them the time says.
  assert.deepEqual(session.lines.map((l) => l.seq), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(session.lines.filter((l) => l.stream === 'stdout').map((l) => l.text), ['out1', 'out2', 'out3']);
  assert.deepEqual(session.lines.filter((l) => l.stream === 'stderr').map((l) => l.text), ['err1', 'err2', 'err3']);
  const times = session.lines.map((l) => l.at ?? 0);
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
  assert.equal(session.containerName, c.name);
  assert.equal(session.containerId, c.id);
  assert.equal(session.following, false);
  assert.equal(session.tty, false);
  for (const line of session.lines) assert.ok(line.at !== null && Math.abs(line.at - Date.now()) < 3_600_000, `timestamp of ${line.text}`);
  const byId = await service.open({ container: c.id.slice(0, 12), tail: 2, follow: false });
  assert.deepEqual(byId.lines, session.lines.slice(4).map((l, i) => ({ ...l, seq: i + 1 })));
});

test('following: the lines after the initial ones arrive live, none twice and none lost; the container stopping ends it', async (t) => {
  if (!(await requireDocker(t))) return;
  const c = await printer(`${P}-b`, TICKER);
  const { service, linesOf, endOf } = logServiceHarness();
  await eventually('a few ticks', async () => (await service.open({ container: c.name, tail: 5, follow: false })).lines.length >= 3);
  const session = await service.open({ container: c.name, tail: 5, follow: true });
  assert.equal(session.following, true);
  const initial = session.lines.map((l) => Number(l.text.replace('tick', '')));
  await eventually('20 live lines', () => linesOf(session.sessionId).length >= 20);
  const live = linesOf(session.sessionId).map((l) => Number(l.text.replace('tick', '')));
  const all = [...initial, ...live];
  assert.deepEqual(all, all.map((_, i) => all[0] + i), 'contiguous: no line twice, none lost');
  const seqs = [...session.lines, ...linesOf(session.sessionId)].map((l) => l.seq);
  assert.deepEqual(seqs, seqs.map((_, i) => i + 1));
  await c.container.kill();
  const end = await eventually('the end chunk', () => endOf(session.sessionId));
  assert.equal(end.reason, 'the container stopped');
  assert.equal(service.stats(session.sessionId), null);
});

test('a TTY container: one raw stream, shown as stdout', async (t) => {
  if (!(await requireDocker(t))) return;
  const name = await createRawTestContainer('tty', ['sh', '-c', 'echo tty-out; echo tty-err >&2; sleep 3600'], true);
  const { service } = logServiceHarness();
  const session = await eventually('both lines', async () => {
    const s = await service.open({ container: name, tail: 500, follow: false });
    return s.lines.length >= 2 && s;
  });
  assert.equal(session.tty, true);
  assert.deepEqual(session.lines.map((l) => [l.stream, l.text]), [['stdout', 'tty-out'], ['stdout', 'tty-err']]);
});

test('closing a session ends the request to the engine (its socket is destroyed)', async (t) => {
  if (!(await requireDocker(t))) return;
  const c = await printer(`${P}-c`, TICKER);
  const { service, endOf } = logServiceHarness();
  const session = await service.open({ container: c.name, tail: 1, follow: true });
  const socket = await eventually('the connection', () => service.stats(session.sessionId)?.socket);
  assert.equal(socket.destroyed, false);
  assert.deepEqual(service.close(session.sessionId), { closed: true });
  await eventually('the socket destroyed', () => socket.destroyed);
  assert.equal(endOf(session.sessionId)?.reason, 'closed by the view');
  assert.deepEqual(service.close(session.sessionId), { closed: false });
  assert.deepEqual(service.keepAlive(session.sessionId), { open: false });
});

test('a session nobody keeps alive for a minute is closed (core clock)', async (t) => {
  if (!(await requireDocker(t))) return;
  const c = await printer(`${P}-d`, ['sleep', '3600']);
  const clock = new TestClock();
  const { service, endOf } = logServiceHarness({ clock });
  const session = await service.open({ container: c.name, tail: 10, follow: true });
  await clock.advance(59_000);
  assert.deepEqual(service.keepAlive(session.sessionId), { open: true });
  await clock.advance(59_000);
  assert.equal(endOf(session.sessionId), undefined);
  await clock.advance(1_001);
  assert.match(endOf(session.sessionId)?.reason ?? '', /no keep-alive for a minute/);
  assert.deepEqual(service.keepAlive(session.sessionId), { open: false });
});

test('a container printing as fast as it can: the buffer stays within its bound, the rest is counted as dropped', async (t) => {
  if (!(await requireDocker(t))) return;
  const c = await printer(`${P}-e`, ['sh', '-c', 'while :; do echo flood flood flood flood flood flood flood flood; done']);
  const clock = new TestClock(); // no batch is sent until the clock moves: everything piles up against the bound
  const { service, linesOf, chunks } = logServiceHarness({ clock });
  const session = await service.open({ container: c.name, tail: 10, follow: true });
  let maxLines = 0;
  let maxBytes = 0;
  await eventually('100,000 lines dropped', () => {
    const stats = service.stats(session.sessionId)!;
    maxLines = Math.max(maxLines, stats.bufferedLines);
    maxBytes = Math.max(maxBytes, stats.bufferedBytes);
    return stats.droppedTotal > 100_000;
  });
  t.diagnostic(`flood: ${service.stats(session.sessionId)!.droppedTotal} lines dropped, at most ${maxLines} lines / ${maxBytes} bytes buffered`);
  assert.ok(maxLines <= PENDING_MAX_LINES, `${maxLines} lines buffered`);
  assert.ok(maxBytes <= PENDING_MAX_BYTES, `${maxBytes} bytes buffered`);
  await clock.advance(1_000);
  const sent = chunks.filter((ch) => ch.sessionId === session.sessionId);
  assert.ok(sent.length >= 1 && sent.every((ch) => ch.lines.length <= BATCH_MAX_LINES));
  assert.ok(sent[0].dropped > 0, 'the first chunk says lines were dropped');
  assert.ok(linesOf(session.sessionId).length <= 5 * BATCH_MAX_LINES, 'at most 5 batches in a second');
  service.close(session.sessionId);
  await c.container.kill();
});

test('a 10 MB line is cut at 8 KiB; the next line comes whole', async (t) => {
  if (!(await requireDocker(t))) return;
  const c = await printer(`${P}-f`, ['sh', '-c', "head -c 10000000 /dev/zero | tr '\\0' a; echo; echo after; sleep 3600"]);
  const { service } = logServiceHarness();
  const session = await eventually('the line after', async () => {
    const s = await service.open({ container: c.name, tail: 500, follow: false });
    return s.lines.some((l) => l.text === 'after') && s;
  });
  assert.equal(session.lines.length, 2);
  assert.equal(session.lines[0].cut, true);
  assert.ok(session.lines[0].text.length <= MAX_LINE_BYTES && /^a{8000}/.test(session.lines[0].text));
});

test(`at most ${MAX_LOG_SESSIONS} sessions follow: the oldest is closed, saying why`, async (t) => {
  if (!(await requireDocker(t))) return;
  const c = await printer(`${P}-g`, ['sleep', '3600']);
  const { service, endOf } = logServiceHarness();
  const ids: string[] = [];
  for (let i = 0; i <= MAX_LOG_SESSIONS; i++) ids.push((await service.open({ container: c.name, tail: 0, follow: true })).sessionId);
  assert.match(endOf(ids[0])?.reason ?? '', /at most 8 container logs follow at once/);
  assert.ok(ids.slice(1).every((id) => service.stats(id) !== null));
  await service.stop();
  assert.ok(ids.every((id) => endOf(id)));
});

test('an unknown container is not found; Docker turned off is unavailable, with the reason', async (t) => {
  if (!(await requireDocker(t))) return;
  const { service } = logServiceHarness();
  await assert.rejects(service.open({ container: `${P}-nope`, tail: 10, follow: true }), (e: unknown) => e instanceof NotFoundError && e.message.includes(`No container named "${P}-nope"`));
  const off = logServiceHarness({ enabled: false }).service;
  await assert.rejects(off.open({ container: 'x', tail: 10, follow: true }), (e: unknown) => e instanceof UnavailableError && /docker\.enabled/.test(e.message));
  const nowhere = logServiceHarness({ endpoint: '/nonexistent/docker.sock' }).service;
  await assert.rejects(nowhere.open({ container: 'x', tail: 10, follow: true }), (e: unknown) => e instanceof UnavailableError && /\/nonexistent\/docker\.sock/.test(e.message));
  void testDocker;
});
