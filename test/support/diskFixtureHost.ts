/**
 * A small "full disk" host on the real (shared) Docker engine for the disk action's tests: every
 * object is named `opsbar-t<pid>-disk-…` and labelled with the test pid, so a test only ever acts
 * on its own objects, and `removeDiskFixture` removes exactly them (never TEST_IMAGE).
 *
 *   volumes:    named (compose-labelled), external (made outside compose, used by a compose container), anonymous
 *   containers: running (own image, all three volumes), paused, stopped (exited), stopped "changer"
 *               (started by a test between plan and execute), protected (stopped, opsbar.protect=true),
 *               logger (running, ~4 MB of json-file log), source (created: what the images are committed from)
 *   images:     dangling A and B (B gets a container between plan and execute), unused (tagged),
 *               snapshot (`opsbar-snapshot/t<pid>:1`), the running container's image
 */
import type Dockerode from 'dockerode';
import { readFile } from 'node:fs/promises';
import { eventually } from './eventually';
import { TEST_IMAGE, testDocker } from './dockerEngine';

const PID = String(process.pid);
const LABELS = { 'opsbar.test': '1', 'opsbar.test.pid': PID };
export const FIXTURE_PROJECT = `opsbar-t${PID}-disk`;

export interface DiskFixture {
  project: string;
  volumes: { named: string; external: string; anonymous: string };
  containers: Record<'running' | 'paused' | 'stopped' | 'changer' | 'protected' | 'logger' | 'source', { id: string; name: string }>;
  images: Record<'danglingA' | 'danglingB' | 'unused' | 'snapshot' | 'running', string>;
  /** Tags the fixture made (removed at the end). */
  tags: string[];
}

const name = (what: string) => `${FIXTURE_PROJECT}-${what}`;

async function container(what: string, options: Partial<Dockerode.ContainerCreateOptions> & { start?: boolean; labels?: Record<string, string> }): Promise<{ id: string; name: string }> {
  const { start = true, labels = {}, ...create } = options;
  const made = await testDocker().createContainer({
    name: name(what),
    Image: TEST_IMAGE,
    Cmd: ['sleep', '3600'],
    StopTimeout: 1,
    ...create,
    Labels: { 'com.docker.compose.project': FIXTURE_PROJECT, 'com.docker.compose.service': what, ...LABELS, ...labels },
    HostConfig: { NetworkMode: 'none', LogConfig: { Type: 'json-file', Config: {} }, ...create.HostConfig },
  });
  if (start) await made.start();
  return { id: made.id, name: name(what) };
}

async function commit(source: string, repo: string, tag: string, comment: string): Promise<string> {
  const reply = (await testDocker().getContainer(source).commit({ repo, tag, comment })) as { Id: string };
  return reply.Id;
}

export async function createDiskFixture(): Promise<DiskFixture> {
  const docker = testDocker();
  const volumes = { named: name('named'), external: name('external'), anonymous: '' };
  await docker.createVolume({ Name: volumes.named, Labels: { ...LABELS, 'com.docker.compose.project': FIXTURE_PROJECT, 'com.docker.compose.volume': 'named' } });
  await docker.createVolume({ Name: volumes.external, Labels: { ...LABELS } });

  const source = await container('source', { start: false });
  const tags: string[] = [];
  // Three commits to one tag: the first two lose it and become dangling (the comments make their ids differ).
  const danglingRepo = name('dangling');
  const danglingA = await commit(source.id, danglingRepo, '1', 'a');
  const danglingB = await commit(source.id, danglingRepo, '1', 'b');
  await commit(source.id, danglingRepo, '1', 'c');
  tags.push(`${danglingRepo}:1`);
  const unused = await commit(source.id, name('unused'), '1', 'unused');
  tags.push(`${name('unused')}:1`);
  const snapshotRepo = `opsbar-snapshot/t${PID}`;
  const snapshot = await commit(source.id, snapshotRepo, '1', 'snapshot');
  tags.push(`${snapshotRepo}:1`);
  const runningImage = await commit(source.id, name('runimg'), '1', 'running');
  tags.push(`${name('runimg')}:1`);

  const running = await container('running', {
    Image: `${name('runimg')}:1`,
    Volumes: { '/anon': {} },
    HostConfig: { Binds: [`${volumes.named}:/named`, `${volumes.external}:/external`] },
  });
  const mounts = (await docker.getContainer(running.id).inspect()).Mounts;
  volumes.anonymous = mounts.find((m) => m.Destination === '/anon')!.Name!;
  const paused = await container('paused', {});
  await docker.getContainer(paused.id).pause();
  const stopped = await container('stopped', { Cmd: ['true'] });
  const changer = await container('changer', { start: false });
  const protectedOne = await container('protected', { start: false, labels: { 'opsbar.protect': 'true' } });
  const logger = await container('logger', {
    Cmd: ['sh', '-c', 'yes 0123456789012345678901234567890123456789 | head -n 50000; echo fixture-log-written; sleep 3600'],
  });
  await eventually('the stopped container to exit', async () => (await docker.getContainer(stopped.id).inspect()).State.Status === 'exited');
  const logPath = (await docker.getContainer(logger.id).inspect()).LogPath;
  await eventually('the logger to write its log', async () => (await readFile(logPath, 'utf8').catch(() => '')).includes('fixture-log-written'));
  return {
    project: FIXTURE_PROJECT,
    volumes,
    containers: { running, paused, stopped, changer, protected: protectedOne, logger, source },
    images: { danglingA, danglingB, unused, snapshot, running: runningImage },
    tags,
  };
}

/** Removes this process's fixture containers, images (by id, never TEST_IMAGE) and volumes. Never throws. */
export async function removeDiskFixture(fixture: DiskFixture | null): Promise<void> {
  const docker = testDocker();
  const ignore = () => undefined;
  const mine = await docker.listContainers({ all: true, filters: { label: [`opsbar.test.pid=${PID}`] } }).catch(() => []);
  for (const c of mine) {
    if (c.State === 'paused') await docker.getContainer(c.Id).unpause().catch(ignore);
    await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignore);
  }
  if (!fixture) return;
  const testImage = await docker.getImage(TEST_IMAGE).inspect().catch(() => null);
  for (const tag of fixture.tags) await docker.getImage(tag).remove().catch(ignore);
  for (const id of Object.values(fixture.images)) if (id !== testImage?.Id) await docker.getImage(id).remove().catch(ignore);
  for (const volume of Object.values(fixture.volumes)) if (volume) await docker.getVolume(volume).remove().catch(ignore);
}
