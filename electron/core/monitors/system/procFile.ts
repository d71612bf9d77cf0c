import fs from 'node:fs';

/**
 * A /proc file kept open and re-read from position 0 on each sample. Measured on a 2-core
 * VM: 2–10 µs CPU per read against 15–28 µs for `readFileSync` (which opens, stats and
 * closes every time), and ~1.2 ms for `fs.promises.readFile`.
 */
export class ProcFile {
  private fd: number | null = null;
  private buffer: Buffer;

  constructor(
    readonly path: string,
    initialSize = 16 * 1024,
  ) {
    this.buffer = Buffer.allocUnsafe(initialSize);
  }

  /** The whole file as Latin-1 text (all of /proc's numeric files are ASCII). */
  read(): string {
    this.fd ??= fs.openSync(this.path, 'r');
    for (;;) {
      const length = fs.readSync(this.fd, this.buffer, 0, this.buffer.length, 0);
      // A full buffer may mean the file was cut short: grow and read again.
      if (length < this.buffer.length) return this.buffer.toString('latin1', 0, length);
      this.buffer = Buffer.allocUnsafe(this.buffer.length * 2);
    }
  }

  close(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
  }
}
