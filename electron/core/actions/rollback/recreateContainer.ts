import type Dockerode from 'dockerode';
import type { DockerCall } from './dockerCalls';

/**
 * Creates a container again from a snapshot's create configuration, through the API (no compose
 * CLI): same name, same labels, the image by id. The Engine (API 1.41) takes one network at
 * create: the container's own network mode; the others are connected after, with their aliases.
 */
export async function recreateContainer(create: Record<string, unknown>, docker: Dockerode, call: DockerCall): Promise<string> {
  const { name, NetworkingConfig, ...body } = create as { name: string; NetworkingConfig?: { EndpointsConfig?: Record<string, unknown> } } & Record<string, unknown>;
  const endpoints = NetworkingConfig?.EndpointsConfig ?? {};
  const mode = String((body.HostConfig as { NetworkMode?: string } | undefined)?.NetworkMode ?? 'default');
  const primary = endpoints[mode] ? mode : mode === 'default' && endpoints.bridge ? 'bridge' : null;
  const container = await call(`creating container ${name}`, (abortSignal) =>
    docker.createContainer({ ...body, name, NetworkingConfig: { EndpointsConfig: primary ? { [primary]: endpoints[primary] } : {} }, abortSignal } as Dockerode.ContainerCreateOptions),
  );
  // host, none and container:<id> modes take no further networks.
  const joinsMore = mode !== 'host' && mode !== 'none' && !mode.startsWith('container:');
  if (joinsMore) {
    for (const [network, endpoint] of Object.entries(endpoints)) {
      if (network === primary) continue;
      await call(`connecting ${name} to network ${network}`, (abortSignal) =>
        docker.getNetwork(network).connect({ Container: container.id, EndpointConfig: endpoint, abortSignal } as object),
      );
    }
  }
  return container.id;
}
