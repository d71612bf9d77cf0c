import type { Severity } from './severity';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting' | 'none';

export interface ContainerInfo {
  id: string;
  /** Name without the leading slash, exactly as Docker reports it (untrusted text). */
  name: string;
  /** Compose service label, or null for a standalone container. */
  service: string | null;
  image: string;
  state: ContainerState;
  health: ContainerHealth;
  restartCount: number;
  startedAt: number | null;
  exitCode: number | null;
  /** From the latest one-shot stats sample; null until one was taken or when not running. */
  cpuPercent: number | null;
  memoryBytes: number | null;
  memoryLimitBytes: number | null;
  /** Published ports (only those with a host port), from the Engine's container list. */
  ports: PublishedPort[];
  severity: Severity;
}

/** A container port published on the host, e.g. 0.0.0.0:11434 → 11434/tcp. */
export interface PublishedPort {
  /** The host address it is bound to ("0.0.0.0", "::", "127.0.0.1"), null when the engine does not say. */
  hostIp: string | null;
  hostPort: number;
  containerPort: number;
  /** "tcp", "udp", "sctp". */
  protocol: string;
}

export interface Stack {
  /** Compose project name, or "standalone" for containers without one. */
  name: string;
  kind: 'compose' | 'standalone';
  containers: ContainerInfo[];
  severity: Severity;
  counts: { total: number; running: number; healthy: number; unhealthy: number };
}

export interface DockerSnapshot {
  at: number;
  available: boolean;
  /** Where Opsbar looked or connected (socket path or DOCKER_HOST). */
  endpoint: string | null;
  /** Why Docker is not available, in words an operator can act on. */
  error: string | null;
  engineVersion: string | null;
  stacks: Stack[];
}
