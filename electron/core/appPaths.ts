import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Opsbar checkout or install folder (the one with Opsbar's package.json), from source or from dist/. */
export function appRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'opsbar') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find Opsbar's package.json above ${start}`);
    dir = parent;
  }
}

export function rendererDistDir(): string {
  return join(appRoot(), 'dist', 'renderer');
}
