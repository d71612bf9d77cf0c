/**
 * A ServerGet that answers from a table (path → body) instead of a socket: lets the readers run
 * over the real captures in test/fixtures/models. Paths not in the table answer 404.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GetOutcome, ServerGet } from '../../../../../electron/core/monitors/models/servers/boundedGet';

export type FixtureRoute = string | { status?: number; body: string; contentType?: string } | { failure: string };

export function fixtureGet(routes: Record<string, FixtureRoute>, base = 'http://127.0.0.1:1'): ServerGet & { asked: string[] } {
  const asked: string[] = [];
  const get = async (path: string): Promise<GetOutcome> => {
    asked.push(path);
    const url = base + path;
    const route = routes[path];
    if (route === undefined) return { ok: true, url, status: 404, contentType: 'text/plain', body: 'Not Found' };
    if (typeof route === 'string') return { ok: true, url, status: 200, contentType: 'application/json', body: route };
    if ('failure' in route) return { ok: false, url, reason: route.failure };
    return { ok: true, url, status: route.status ?? 200, contentType: route.contentType ?? 'application/json', body: route.body };
  };
  return Object.assign(get, { asked });
}

export function fixture(name: string): string {
  return readFileSync(join(__dirname, '../../../../fixtures/models', name), 'utf8');
}
