/**
 * Which container a process runs in, read from its `/proc/<pid>/cgroup`. nvidia-smi reports
 * host pids even for containers; the cgroup path is where the runtime wrote the container id.
 */

export type ContainerRuntime = 'docker' | 'containerd' | 'cri-o' | 'podman' | 'kubernetes';

export interface CgroupContainer {
  /** The full 64-hex container id. */
  id: string;
  runtime: ContainerRuntime;
}

const ID = '([0-9a-f]{64})';

// Path shapes the runtimes document, cgroupfs and systemd drivers both. `libpod-conmon-<id>`
// is Podman's monitor process, not the container: "conmon" is not hex, so it never matches.
const PATTERNS: readonly { runtime: ContainerRuntime; pattern: RegExp }[] = [
  { runtime: 'docker', pattern: new RegExp(`(?:^|/)docker-${ID}\\.scope(?:/|$)`) },
  { runtime: 'docker', pattern: new RegExp(`(?:^|/)docker/${ID}(?:/|$)`) },
  { runtime: 'containerd', pattern: new RegExp(`(?:^|/|:)cri-containerd[-:]${ID}(?:\\.scope)?(?:/|$)`) },
  { runtime: 'cri-o', pattern: new RegExp(`(?:^|/)crio-${ID}(?:\\.scope)?(?:/|$)`) },
  { runtime: 'podman', pattern: new RegExp(`(?:^|/)libpod-${ID}(?:\\.scope)?(?:/|$)`) },
  // cgroupfs Kubernetes: /kubepods/<qos>/pod<uid>/<id> (the runtime is not named in the path).
  { runtime: 'kubernetes', pattern: new RegExp(`^/kubepods[^/]*(?:/[^/]+)*?/${ID}(?:/|$)`) },
];

/** The cgroup path of each line: `N:controllers:/path` (v1) or `0::/path` (v2). */
function cgroupPaths(text: string): string[] {
  const paths: string[] = [];
  for (const line of text.split('\n')) {
    const first = line.indexOf(':');
    const second = first < 0 ? -1 : line.indexOf(':', first + 1);
    if (second < 0) continue;
    const path = line.slice(second + 1).trim();
    if (path.startsWith('/')) paths.push(path);
  }
  return paths;
}

/**
 * The container of a process from its cgroup file's text, null for a process outside any
 * container (or in one whose runtime Opsbar does not know). Every line is looked at: on a
 * hybrid host the v2 line may say `/` while the v1 controllers name the container.
 */
export function containerFromCgroup(text: string): CgroupContainer | null {
  for (const path of cgroupPaths(text)) {
    for (const { runtime, pattern } of PATTERNS) {
      const match = pattern.exec(path);
      if (match) return { id: match[1], runtime };
    }
  }
  return null;
}
