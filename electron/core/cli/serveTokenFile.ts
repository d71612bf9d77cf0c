import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { createToken } from '../server/auth';

/** Why a token file cannot be used, said so the operator can fix it. */
export class TokenFileError extends Error {}

const MIN_LENGTH = 32;
const MAX_FILE_BYTES = 4096;
/** URL-unreserved characters: the token goes into the printed link and a cookie unencoded. */
const TOKEN_CHARS = /^[A-Za-z0-9._~-]+$/;

/**
 * The stable token of `opsbar serve --token-file PATH`, for scrapers that keep a copy
 * (Prometheus' `credentials_file`): read and checked, or created (0600) with a new random one.
 */
export function loadOrCreateToken(path: string): { token: string; created: boolean } {
  const created = createTokenFile(path);
  if (created) return { token: created, created: true };
  return { token: readTokenFile(path), created: false };
}

function createTokenFile(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return null;
    throw new TokenFileError(`Cannot create the token file ${path} (${code ?? (error as Error).message}): check that its folder exists and is writable.`);
  }
  try {
    const token = createToken();
    writeSync(fd, `${token}\n`);
    return token;
  } finally {
    closeSync(fd);
  }
}

function readTokenFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new TokenFileError(`Cannot read the token file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new TokenFileError(`The token file ${path} is not a regular file.`);
    if ((stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new TokenFileError(`The token file ${path} is open to group or others (mode ${mode}); anyone who can read it can use the API. Run: chmod 600 ${path}`);
    }
    if (stat.size > MAX_FILE_BYTES) throw new TokenFileError(`The token file ${path} is ${stat.size} bytes; a token is one line of ${MIN_LENGTH}+ characters.`);
    const buffer = Buffer.alloc(MAX_FILE_BYTES);
    const length = readSync(fd, buffer, 0, MAX_FILE_BYTES, 0);
    const token = buffer.subarray(0, length).toString('utf8').trim();
    if (token.length < MIN_LENGTH) {
      throw new TokenFileError(`The token in ${path} is ${token.length} characters; use at least ${MIN_LENGTH} (e.g. delete the file and Opsbar writes a new one, or \`openssl rand -hex 32 > ${path}\`).`);
    }
    if (!TOKEN_CHARS.test(token)) {
      throw new TokenFileError(`The token in ${path} has characters other than letters, digits and . _ ~ - (it goes into a link and a cookie); e.g. \`openssl rand -hex 32 > ${path}\`.`);
    }
    return token;
  } finally {
    closeSync(fd);
  }
}
