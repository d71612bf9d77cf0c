// The first run's findings as sentences (the CLI and the log say what the welcome view says).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SetupDetection } from '../../../shared/types/setup';
import { detectionLines } from '../../../shared/setup/findingSentences';

const found: SetupDetection = {
  firstRun: true,
  configPath: '/data/config.yaml',
  platform: 'linux',
  docker: { found: true, endpoint: '/var/run/docker.sock', kind: 'linux-engine', detail: 'Linux engine 27.3.1', containers: 12 },
  gpus: { found: true, source: 'nvidia-smi', names: ['NVIDIA H100 80GB HBM3', 'NVIDIA H100 80GB HBM3'], detail: 'read through nvidia-smi, driver 590.48.01' },
  modelServers: [
    { url: 'http://127.0.0.1:11434', kind: 'Ollama', models: 3 },
    { url: 'http://127.0.0.1:8080', kind: 'llama.cpp', models: 1 },
  ],
  disks: [
    { mount: '/', totalBytes: 460e9, freeBytes: 41e9 },
    { mount: '/data', totalBytes: 2e12, freeBytes: 1.2e12 },
  ],
  notificationChannels: ['desktop'],
  startAtLoginSupported: true,
};

describe('first-run findings in words', () => {
  it('one sentence per finding', () => {
    assert.deepEqual(detectionLines(found), [
      'Docker: Linux engine at /var/run/docker.sock — 12 containers (Linux engine 27.3.1)',
      'GPUs: NVIDIA H100 80GB HBM3, NVIDIA H100 80GB HBM3 (read through nvidia-smi, driver 590.48.01)',
      'Model servers: Ollama at http://127.0.0.1:11434 (3 models); llama.cpp at http://127.0.0.1:8080 (1 model)',
      'Disks: / 41 GB free of 460 GB; /data 1200 GB free of 2000 GB',
    ]);
  });

  it('says what is missing and why', () => {
    const none: SetupDetection = {
      ...found,
      docker: { found: false, endpoint: null, kind: 'unknown', detail: 'No Docker socket found (looked at /var/run/docker.sock).', containers: 0 },
      gpus: { found: false, source: null, names: [], detail: 'nvidia-smi is not on PATH' },
      modelServers: [],
      disks: [],
    };
    assert.deepEqual(detectionLines(none), [
      'Docker: not found — No Docker socket found (looked at /var/run/docker.sock)',
      'GPUs: none found (nvidia-smi is not on PATH)',
      'Model servers: none answered on the usual ports',
      'Disks: none read',
    ]);
  });
});
