import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { StackSnapshot } from '../../../../shared/types/actions';

/** A compose file or `.env` larger than this is recorded without its content. */
export const MAX_COMPOSE_FILE_BYTES = 1024 * 1024;

const CONFIG_FILES_LABEL = 'com.docker.compose.project.config_files';
const WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';

/**
 * The compose files the labels name (comma-separated) and the `.env` in the project's working
 * dir, read where readable and not too big: content null and a plain problem otherwise. A
 * missing `.env` is not a problem (most projects have none).
 */
export async function readComposeFiles(labels: Record<string, string>): Promise<StackSnapshot['files']> {
  const files: StackSnapshot['files'] = [];
  const configFiles = (labels[CONFIG_FILES_LABEL] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  for (const path of configFiles) files.push(await readBounded(path, true));
  const workingDir = labels[WORKING_DIR_LABEL];
  if (workingDir) {
    const env = await readBounded(join(workingDir, '.env'), false);
    if (env.content !== null || env.problem !== null) files.push(env);
  }
  return files;
}

async function readBounded(path: string, required: boolean): Promise<StackSnapshot['files'][number]> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (!info.isFile()) return { path, content: null, problem: `${path} is not a regular file: not recorded.` };
    if (info.size > MAX_COMPOSE_FILE_BYTES) return { path, content: null, problem: `${path} is larger than 1 MB: not recorded.` };
    return { path, content: await handle.readFile('utf8'), problem: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return { path, content: null, problem: null };
    const why = code === 'ENOENT' ? 'it does not exist here' : code === 'EACCES' ? 'Opsbar may not read it' : (error as Error).message;
    return { path, content: null, problem: `${path} could not be read (${why}): the snapshot has the containers' configuration but not this file.` };
  } finally {
    await handle?.close();
  }
}
