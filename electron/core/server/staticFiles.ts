import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Files of the built renderer, never anything outside its folder. Unknown paths fall back to index.html. */
export class StaticFiles {
  private readonly cache = new Map<string, StaticFile>();

  constructor(private readonly root: string) {}

  available(): boolean {
    try {
      return statSync(join(this.root, 'index.html')).isFile();
    } catch {
      return false;
    }
  }

  get(urlPath: string): StaticFile | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
    const full = join(this.root, relative);
    if (!full.startsWith(this.root + sep)) return null;
    return this.read(full) ?? (extname(relative) === '' ? this.read(join(this.root, 'index.html')) : null);
  }

  private read(full: string): StaticFile | null {
    const cached = this.cache.get(full);
    if (cached) return cached;
    try {
      if (!statSync(full).isFile()) return null;
      const file = { body: readFileSync(full), contentType: CONTENT_TYPES[extname(full)] ?? 'application/octet-stream' };
      this.cache.set(full, file);
      return file;
    } catch {
      return null;
    }
  }
}
