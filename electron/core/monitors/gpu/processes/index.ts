// GPU processes → owner, start time and container: what the GPU module's composition needs.
export { createGpuProcessEnricher, type GpuProcessEnricher, type GpuProcessEnricherOptions } from './gpuProcessEnricher';
export { createContainerLookup, type ContainerLookup, type ContainerLookupOptions, type ContainerNames } from './containerLookup';
export { containerFromCgroup, type CgroupContainer, type ContainerRuntime } from './cgroupContainer';
