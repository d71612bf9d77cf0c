/** Which Docker the socket belongs to, from its path and the engine's answer. */
export type DockerKind = 'docker-desktop' | 'colima' | 'orbstack' | 'podman' | 'rancher-desktop' | 'linux-engine' | 'remote' | 'unknown';

/** What a first start found on this host: shown by the welcome view before the config is written. */
export interface SetupDetection {
  /** No config file exists yet (the welcome view is shown). */
  firstRun: boolean;
  configPath: string;
  platform: string;
  docker: {
    found: boolean;
    /** The socket path or URL that answered (or was tried first). */
    endpoint: string | null;
    kind: DockerKind;
    /** "Docker Desktop 4.37 (engine 27.4.0)", or why none answered. */
    detail: string;
    containers: number;
  };
  gpus: { found: boolean; source: 'nvidia-smi' | 'ioreg' | null; names: string[]; detail: string };
  modelServers: { url: string; kind: string; models: number }[];
  disks: { mount: string; totalBytes: number; freeBytes: number }[];
  /** Which notification channels can work here ("desktop" always; webhooks need a URL). */
  notificationChannels: ('desktop' | 'webhook' | 'ntfy' | 'slack')[];
  /** Start at login can be set on this platform (macOS login items, Linux XDG autostart). */
  startAtLoginSupported: boolean;
}

/** What the operator chose in the welcome view. */
export interface SetupChoice {
  monitors: { docker: boolean; gpu: boolean; models: boolean; http: boolean };
  /** Desktop notifications on or off; a webhook URL adds one (generic, ntfy or Slack by its kind). */
  notifications: { desktop: boolean; webhook?: { kind: 'webhook' | 'ntfy' | 'slack'; url: string } | null };
  startAtLogin: boolean;
}
