/** A small logger interface so every part can be given a quiet one in tests. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.error(`[opsbar] ${m}`),
  warn: (m) => console.error(`[opsbar] warning: ${m}`),
  error: (m) => console.error(`[opsbar] error: ${m}`),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
