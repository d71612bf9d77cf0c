import type { PublishedPort } from '../../../../shared/types/docker';
import type { RawContainerSummary } from './dockerApi';

/**
 * The ports a container publishes on the host, from `GET /containers/json`'s `Ports` (entries
 * without a `PublicPort` are only exposed, not published, and are left out). Docker lists one
 * entry per address family ("0.0.0.0" and "::" for the same port); both are kept, as reported.
 */
export function publishedPorts(summary: Pick<RawContainerSummary, 'Ports'>): PublishedPort[] {
  const ports: PublishedPort[] = [];
  for (const entry of summary.Ports ?? []) {
    if (typeof entry.PublicPort !== 'number' || !Number.isInteger(entry.PublicPort) || entry.PublicPort <= 0) continue;
    ports.push({ hostIp: entry.IP || null, hostPort: entry.PublicPort, containerPort: entry.PrivatePort, protocol: entry.Type || 'tcp' });
  }
  return ports;
}
