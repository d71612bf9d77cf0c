import type { DockerKind, SetupDetection } from '../types/setup';

/** What a first start found, in words: the welcome view, the CLI and the log say the same (zod-free: the renderer uses it). */
export const DOCKER_KIND_LABELS: Readonly<Record<DockerKind, string>> = {
  'docker-desktop': 'Docker Desktop',
  colima: 'Colima',
  orbstack: 'OrbStack',
  podman: 'Podman',
  'rancher-desktop': 'Rancher Desktop',
  'linux-engine': 'Linux engine',
  remote: 'Remote engine',
  unknown: 'Docker',
};


const GB = 1e9;

function gigabytes(bytes: number): string {
  return `${Math.round(bytes / GB)} GB`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function dockerSentence(docker: SetupDetection['docker']): string {
  if (!docker.found) return `Docker: not found — ${docker.detail.replace(/\.$/, '')}`;
  const at = docker.endpoint ? ` at ${docker.endpoint}` : '';
  return `Docker: ${DOCKER_KIND_LABELS[docker.kind]}${at} — ${plural(docker.containers, 'container')}`;
}

export function gpuSentence(gpus: SetupDetection['gpus']): string {
  if (!gpus.found) return `GPUs: none found (${gpus.detail.replace(/\.$/, '')})`;
  return `GPUs: ${gpus.names.join(', ')}`;
}

export function modelServersSentence(servers: SetupDetection['modelServers']): string {
  if (servers.length === 0) return 'Model servers: none answered on the usual ports';
  return `Model servers: ${servers.map((s) => `${s.kind} at ${s.url} (${plural(s.models, 'model')})`).join('; ')}`;
}

export function disksSentence(disks: SetupDetection['disks']): string {
  if (disks.length === 0) return 'Disks: none read';
  return `Disks: ${disks.map((d) => `${d.mount} ${gigabytes(d.freeBytes)} free of ${gigabytes(d.totalBytes)}`).join('; ')}`;
}

/** What a first start found, one sentence per finding (the CLI and the log say it as the welcome view does). */
export function detectionLines(detection: SetupDetection): string[] {
  // The welcome view shows each detail on a line of its own; a line of text carries it in brackets.
  const docker = detection.docker.found ? `${dockerSentence(detection.docker)} (${detection.docker.detail})` : dockerSentence(detection.docker);
  const gpus = detection.gpus.found ? `${gpuSentence(detection.gpus)} (${detection.gpus.detail})` : gpuSentence(detection.gpus);
  return [docker, gpus, modelServersSentence(detection.modelServers), disksSentence(detection.disks)];
}
