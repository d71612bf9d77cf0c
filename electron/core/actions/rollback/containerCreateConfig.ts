import type { SnapshotContainer } from '../../../../shared/types/actions';
import { containerDigest } from './snapshotDigest';

/** The fields of `GET /containers/{id}/json` a snapshot keeps (all untrusted, passed back to create as they came). */
export interface ContainerInspect {
  Id: string;
  Name: string;
  /** The image id (sha256:…). */
  Image: string;
  Config: Record<string, unknown> & { Image?: string; Hostname?: string; Labels?: Record<string, string> | null; Env?: string[] | null; Cmd?: string[] | null };
  HostConfig: Record<string, unknown> & { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, { Aliases?: string[] | null; IPAMConfig?: unknown; Links?: string[] | null; DriverOpts?: unknown } | null> | null };
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string }[] | null;
  State?: { Status?: string; Health?: { Status?: string } | null };
}

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';
const DEPENDS_ON_LABEL = 'com.docker.compose.depends_on';

/**
 * What `POST /containers/create` needs to make the same container again: Config as inspect
 * reports it (compose labels included, so the stack stays a compose project), the image by id
 * (a tag may have moved since), the whole HostConfig (binds, mounts, ports, restart policy,
 * resources with GPU device requests, log config), and the networks with their aliases.
 */
export function createConfigFrom(inspect: ContainerInspect): Record<string, unknown> {
  const config: Record<string, unknown> = { ...inspect.Config, Image: inspect.Image };
  // Docker sets the hostname to the short id unless one was asked for: a recreated container gets its own.
  if (config.Hostname === inspect.Id.slice(0, 12)) delete config.Hostname;
  const shortId = inspect.Id.slice(0, 12);
  const endpoints: Record<string, unknown> = {};
  for (const [network, endpoint] of Object.entries(inspect.NetworkSettings?.Networks ?? {})) {
    if (!endpoint) continue;
    endpoints[network] = {
      // The Engine adds the old short id as an alias; the new container gets its own.
      Aliases: (endpoint.Aliases ?? []).filter((alias) => alias !== shortId),
      IPAMConfig: endpoint.IPAMConfig ?? undefined,
      Links: endpoint.Links ?? undefined,
      DriverOpts: endpoint.DriverOpts ?? undefined,
    };
  }
  return { name: inspect.Name.replace(/^\//, ''), ...config, HostConfig: { ...inspect.HostConfig }, NetworkingConfig: { EndpointsConfig: endpoints } };
}

/** `com.docker.compose.depends_on`: `db:service_healthy:true,cache:service_started:false` (older compose: `db,cache`) → the service names. */
export function dependsOnFrom(labels: Record<string, string> | null | undefined): string[] {
  const text = labels?.[DEPENDS_ON_LABEL] ?? '';
  return [
    ...new Set(
      text
        .split(',')
        .map((part) => part.split(':')[0].trim())
        .filter((name) => name.length > 0),
    ),
  ];
}

export function mountsFrom(inspect: ContainerInspect): SnapshotContainer['mounts'] {
  return (inspect.Mounts ?? []).map((m) => ({ type: m.Type ?? 'unknown', name: m.Name ?? null, source: m.Source ?? '', destination: m.Destination ?? '' }));
}

export function snapshotContainerFrom(inspect: ContainerInspect): SnapshotContainer {
  const labels = inspect.Config.Labels ?? {};
  const mounts = mountsFrom(inspect);
  return {
    name: inspect.Name.replace(/^\//, ''),
    service: labels[COMPOSE_SERVICE_LABEL] ?? null,
    imageId: inspect.Image,
    imageRef: inspect.Config.Image ?? inspect.Image,
    dependsOn: dependsOnFrom(labels),
    mounts,
    create: createConfigFrom(inspect),
    configDigest: containerDigest({ imageId: inspect.Image, env: inspect.Config.Env ?? [], cmd: inspect.Config.Cmd ?? [], labels, mounts }),
  };
}
