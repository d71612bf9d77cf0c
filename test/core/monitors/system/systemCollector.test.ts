import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpus } from 'node:os';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import { createSystemCollector, type StatfsLike } from '../../../../electron/core/monitors/system';
import { FakeClock, fixedReader, gib, recordingHooks, statsOf } from './fakes';

const settings = defaultSettings();

test('on this machine: sane CPU, memory, load, uptime and a disk line for /', async () => {
  const collector = createSystemCollector(settings);
  collector.start(recordingHooks());
  try {
    const { snapshot, samples } = await collector.collect();
    assert.equal(collector.id, 'system');
    assert.equal(collector.intervalMs, settings.monitoring.systemIntervalMs);
    assert.equal(snapshot.platform, process.platform);
    assert.ok(snapshot.cpu.percent >= 0 && snapshot.cpu.percent <= 100);
    assert.equal(snapshot.cpu.cores, cpus().length);
    assert.ok(snapshot.memory.totalBytes > gib(0.25));
    assert.ok(snapshot.memory.usedBytes > 0 && snapshot.memory.usedBytes < snapshot.memory.totalBytes);
    assert.ok(snapshot.memory.percent > 0 && snapshot.memory.percent < 100);
    assert.ok(snapshot.load.every((n) => Number.isFinite(n) && n >= 0));
    assert.ok(snapshot.uptimeSeconds > 0);
    const root = snapshot.disks.find((d) => d.mount === '/');
    assert.ok(root, `no disk line for / in ${JSON.stringify(snapshot.disks)}`);
    assert.ok(root.totalBytes > 0 && root.usedPercent > 0 && root.usedPercent <= 100);
    for (const series of ['cpu.percent', 'memory.usedBytes', 'memory.percent', 'swap.usedBytes', 'load.1m', 'disk.usedPercent:/', 'disk.freeBytes:/']) {
      assert.ok(samples.some((s) => s.series === series && s.ts === snapshot.at && Number.isFinite(s.value)), series);
    }
  } finally {
    collector.stop();
  }
});

test('macOS-like data through an injected reader: / , the data volume and an external disk', async () => {
  const clock = new FakeClock();
  const volumes = { '/': statsOf(994, 11), '/System/Volumes/Data': statsOf(994, 700), '/Volumes/T7': statsOf(2000, 500) };
  const reader = fixedReader(
    Object.keys(volumes).map((mount) => ({ source: mount, mount, fsType: 'apfs' })),
    (m) => volumes[m.mount as keyof typeof volumes],
  );
  const collector = createSystemCollector(settings, { reader, platform: 'darwin', hostname: 'studio', clock });
  const { snapshot, samples } = await collector.collect();
  assert.equal(snapshot.hostname, 'studio');
  assert.equal(snapshot.platform, 'darwin');
  assert.deepEqual(snapshot.cpu, { percent: 25, cores: 8 }); // first reading without start(): since boot
  assert.deepEqual(snapshot.memory, { totalBytes: gib(64), usedBytes: gib(16), availableBytes: gib(48), percent: 25 });
  assert.deepEqual(snapshot.swap, { totalBytes: gib(8), usedBytes: gib(2) });
  assert.deepEqual(snapshot.load, [1.5, 1, 0.5]);
  assert.deepEqual(snapshot.disks.map((d) => [d.mount, Math.round(d.usedPercent)]), [['/', 1], ['/System/Volumes/Data', 70], ['/Volumes/T7', 25]]);
  assert.equal(samples.find((s) => s.series === 'disk.freeBytes:/Volumes/T7')?.value, gib(1500));
  assert.equal(snapshot.at, clock.now());
});

test('CPU % after start() covers the time since the previous reading', async () => {
  const readings = [{ idle: 100, total: 200, cores: 2 }, { idle: 150, total: 400, cores: 2 }];
  const reader = { ...fixedReader([], () => statsOf(1, 0)), readCpuTimes: () => readings.shift()! };
  const collector = createSystemCollector(settings, { reader, clock: new FakeClock() });
  collector.start(recordingHooks());
  const { snapshot } = await collector.collect();
  assert.equal(snapshot.cpu.percent, 75);
});

test('a mount whose statfs throws is skipped, remembered and reported once; the collect goes on', async () => {
  const clock = new FakeClock();
  let brokenFails = true;
  const reader = fixedReader(
    [{ source: '/dev/sda1', mount: '/', fsType: 'ext4' }, { source: '/dev/sdb1', mount: '/broken', fsType: 'ext4' }],
    (m): StatfsLike => {
      if (m.mount === '/broken' && brokenFails) throw Object.assign(new Error('EIO: i/o error, statfs'), { code: 'EIO' });
      return statsOf(100, 40);
    },
  );
  const hooks = recordingHooks();
  const collector = createSystemCollector(settings, { reader, clock });
  collector.start(hooks);
  for (let i = 0; i < 2; i++) {
    const { snapshot } = await collector.collect();
    assert.deepEqual(snapshot.disks.map((d) => d.mount), ['/']);
  }
  assert.deepEqual(collector.diskProblems(), [{ mount: '/broken', message: 'Cannot read disk usage of /broken: EIO: i/o error, statfs', since: clock.now() }]);
  assert.deepEqual(hooks.events.map((e) => [e.kind, e.severity, e.subject]), [['disk.unreadable', 'warning', '/broken']]);

  brokenFails = false;
  const { snapshot } = await collector.collect();
  assert.deepEqual(snapshot.disks.map((d) => d.mount), ['/', '/broken']);
  assert.deepEqual(collector.diskProblems(), []);
  assert.deepEqual(hooks.events.map((e) => e.kind), ['disk.unreadable', 'disk.readable']);
});

test('a network mount that hangs is timed out and not asked again until it answers', async () => {
  const clock = new FakeClock();
  let answer: (stats: StatfsLike) => void = () => {};
  let hung: Promise<StatfsLike> = Promise.resolve(statsOf(1, 0));
  let nasCalls = 0;
  const reader = fixedReader(
    [{ source: '/dev/sda1', mount: '/', fsType: 'ext4' }, { source: 'nas:/models', mount: '/mnt/nas', fsType: 'nfs4' }],
    (m) => {
      if (m.mount !== '/mnt/nas') return statsOf(100, 40);
      nasCalls++;
      hung = new Promise<StatfsLike>((resolve) => (answer = resolve));
      return hung;
    },
  );
  const collector = createSystemCollector(settings, { reader, clock, statfsTimeoutMs: 1000 });

  const first = collector.collect();
  clock.advance(1000);
  assert.deepEqual((await first).snapshot.disks.map((d) => d.mount), ['/']);
  assert.match(collector.diskProblems()[0].message, /statfs took over 1000 ms/);

  const second = await collector.collect();
  assert.deepEqual(second.snapshot.disks.map((d) => d.mount), ['/']);
  assert.equal(nasCalls, 1);
  assert.match(collector.diskProblems()[0].message, /has not answered yet \(nfs4 server unreachable\?\)/);

  answer(statsOf(1000, 900));
  await hung; // the sampler's own handler on it, attached first, has freed the slot
  const third = collector.collect();
  answer(statsOf(1000, 900));
  const { snapshot } = await third;
  assert.equal(nasCalls, 2);
  assert.deepEqual(snapshot.disks.map((d) => [d.mount, Math.round(d.usedPercent)]), [['/', 40], ['/mnt/nas', 90]]);
  assert.equal(clock.pendingTimers, 0);
});

test('the mount list is re-read once a minute, not every sample', async () => {
  const clock = new FakeClock();
  const reader = fixedReader([{ source: '/dev/sda1', mount: '/', fsType: 'ext4' }], () => statsOf(100, 40));
  const collector = createSystemCollector(settings, { reader, clock });
  await collector.collect();
  clock.advance(2000);
  await collector.collect();
  assert.equal(reader.listCalls, 1);
  clock.advance(60_000);
  await collector.collect();
  assert.equal(reader.listCalls, 2);
});

test('a mount table that cannot be read keeps the last list and says why', async () => {
  const clock = new FakeClock();
  const reader = fixedReader([{ source: '/dev/sda1', mount: '/', fsType: 'ext4' }], () => statsOf(100, 40));
  const collector = createSystemCollector(settings, { reader, clock });
  await collector.collect();
  reader.listMounts = () => {
    throw new Error('EMFILE: too many open files');
  };
  clock.advance(61_000);
  const { snapshot } = await collector.collect();
  assert.deepEqual(snapshot.disks.map((d) => d.mount), ['/']);
  assert.match(collector.diskProblems()[0].message, /mount table: EMFILE/);
});
