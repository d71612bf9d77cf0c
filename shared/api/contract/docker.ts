import type { DockerSnapshot } from '../../types/docker';
import { method, noPayload } from './method';

export const dockerMethods = {
  'docker.stacks': method<DockerSnapshot>()(noPayload),
} as const;
