import { findAppRoot, resourcePaths } from './resourcePaths';

/** The Opsbar checkout or install folder (the one with Opsbar's package.json), from source or from dist/. */
export function appRoot(start?: string): string {
  return start === undefined ? resourcePaths().layout.appRoot : findAppRoot(start);
}

/** The built dashboard: `dist/renderer` in a checkout, `<resources>/renderer` packaged (see resourcePaths.ts). */
export function rendererDistDir(): string {
  return resourcePaths().rendererDir;
}
