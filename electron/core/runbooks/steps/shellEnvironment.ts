/**
 * The environment of a shell step: a small safe base, the validated params, then Opsbar's own
 * variables. Never the whole parent environment: Opsbar's may hold tokens and secrets that a
 * runbook (possibly a user's file) has no business reading.
 */

const FROM_PARENT = ['PATH', 'LANG', 'USER', 'LOGNAME', 'TMPDIR', 'DOCKER_HOST', 'DOCKER_CONFIG'] as const;
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const PARAM_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
const RESERVED = new Set(['PATH', 'HOME', 'SHELL', 'IFS', 'ENV', 'BASH_ENV', 'NODE_OPTIONS', 'PS4', 'CDPATH']);

/** A param name the parser would have refused (checked again: a kind does not trust its caller). */
export function reservedParamName(name: string): boolean {
  return !PARAM_NAME.test(name) || RESERVED.has(name) || /^(LD_|DYLD_|OPSBAR_)/.test(name);
}

export interface ShellEnvironmentInput {
  parent: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  params: Record<string, string>;
  opsbarEnv: Record<string, string>;
}

export function shellEnvironment(input: ShellEnvironmentInput): { env: Record<string, string>; refused: string[] } {
  const env: Record<string, string> = {};
  for (const name of FROM_PARENT) {
    const value = input.parent[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  env.PATH ??= DEFAULT_PATH;
  env.LANG ??= 'C.UTF-8';
  env.HOME = input.homeDir;
  env.TERM = 'dumb';
  const refused: string[] = [];
  for (const [name, value] of Object.entries(input.params)) {
    if (reservedParamName(name)) refused.push(name);
    else env[name] = value;
  }
  for (const [name, value] of Object.entries(input.opsbarEnv)) if (name.startsWith('OPSBAR_')) env[name] = value;
  return { env, refused };
}
