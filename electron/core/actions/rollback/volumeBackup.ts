import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { dockerMessage, type DockerCall } from './dockerCalls';

export interface VolumeBackupResult {
  file: string;
  bytes: number;
  entries: number;
}

/**
 * A tar of a named volume, made by a helper container of one of the stack's own images (no
 * image is pulled), then verified by listing the archive with `tar tf` in a second helper. The
 * backup folder must be on the Docker host (a local engine). Throws a plain sentence on failure.
 */
export async function backupVolume(
  volume: string,
  options: { stack: string; helperImage: string; backupDir: string; stamp: string; docker: Dockerode; call: DockerCall; tarCall: DockerCall },
): Promise<VolumeBackupResult> {
  await mkdir(options.backupDir, { recursive: true });
  const fileName = `${options.stack}-${volume}-${options.stamp}.tar`.replace(/[^A-Za-z0-9_.-]/g, '_');
  const made = await runHelper(options, ['-cf', `/backup/${fileName}`, '-C', '/volume', '.'], [`${volume}:/volume:ro`, `${options.backupDir}:/backup`]);
  if (made.exitCode !== 0) throw new Error(`tar of volume ${volume} ended with code ${made.exitCode}: ${made.output.trim().slice(0, 300)}`);
  const listed = await runHelper(options, ['-tf', `/backup/${fileName}`], [`${options.backupDir}:/backup:ro`]);
  const entries = listed.output.split(/\r?\n/).filter((line) => line.trim().length > 0).length;
  if (listed.exitCode !== 0 || entries === 0) throw new Error(`the backup of volume ${volume} could not be listed (tar tf ended with code ${listed.exitCode}): ${listed.output.trim().slice(0, 300)}`);
  const file = join(options.backupDir, fileName);
  return { file, bytes: (await stat(file)).size, entries };
}

/** `tar` itself, else BusyBox's applet (images that ship busybox without the `tar` link). */
const TAR_COMMANDS = [['tar'], ['busybox', 'tar']];

/** Runs tar in a throw-away container (no network, root so every file is readable): its exit code and output. */
async function runHelper(
  options: { helperImage: string; docker: Dockerode; call: DockerCall; tarCall: DockerCall },
  args: string[],
  binds: string[],
): Promise<{ exitCode: number; output: string }> {
  let missing = '';
  for (const entrypoint of TAR_COMMANDS) {
    const ran = await runOnce(options, entrypoint, args, binds);
    if (ran !== 'no-such-command') return ran;
    missing = entrypoint.join(' ');
  }
  throw new Error(
    `the image ${options.helperImage.slice(0, 19)} has no tar (nor \`${missing}\`), so it cannot back volumes up: roll back without the backup, or back the volume up by hand`,
  );
}

async function runOnce(
  options: { helperImage: string; docker: Dockerode; call: DockerCall; tarCall: DockerCall },
  entrypoint: string[],
  args: string[],
  binds: string[],
): Promise<{ exitCode: number; output: string } | 'no-such-command'> {
  const { docker, call } = options;
  const helper = await call('creating the backup helper container', (abortSignal) =>
    docker.createContainer({
      Image: options.helperImage,
      Entrypoint: entrypoint,
      Cmd: args,
      User: '0:0',
      Tty: true,
      Labels: { 'opsbar.helper': 'rollback-backup' },
      HostConfig: { Binds: binds, NetworkMode: 'none' },
      abortSignal,
    } as Dockerode.ContainerCreateOptions),
  );
  try {
    try {
      await call('starting the backup helper container', (abortSignal) => helper.start({ abortSignal } as object));
    } catch (error) {
      if (/executable file not found|no such file or directory/i.test(dockerMessage(error))) return 'no-such-command';
      throw error;
    }
    const waited = (await options.tarCall('waiting for tar in the backup helper', (abortSignal) => helper.wait({ abortSignal } as object))) as { StatusCode?: number };
    const logs = (await call('reading the backup helper output', (abortSignal) =>
      helper.logs({ stdout: true, stderr: true, follow: false, abortSignal } as object as { follow: false }),
    )) as unknown as Buffer;
    // BusyBox without the tar applet says so and exits 127.
    if (waited.StatusCode === 127 && entrypoint[0] === 'busybox') return 'no-such-command';
    return { exitCode: waited.StatusCode ?? -1, output: Buffer.isBuffer(logs) ? logs.toString('utf8') : String(logs) };
  } finally {
    await call('removing the backup helper container', (abortSignal) => helper.remove({ force: true, abortSignal } as object)).catch(() => undefined);
  }
}
