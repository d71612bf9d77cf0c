// Container ids from /proc/<pid>/cgroup. The first text was captured on this build host (Docker
// 20.10, cgroup v1, cgroupfs driver); the others are written from the path formats the runtimes
// document (Docker cgroupfs and systemd drivers, containerd/CRI and CRI-O under Kubernetes'
// kubepods hierarchy, Podman's libpod scopes), for cgroup v1 (`N:controller:/path`) and v2 (`0::/path`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerFromCgroup } from '../../../../../electron/core/monitors/gpu/processes/cgroupContainer';

const ID = 'cd449a06d8471f0564c44c5a3a2cd6300934ab6f691dbfe0e9084a4d18c8ecca';
const POD = 'pod0a1b2c3d_4e5f_6789_abcd_ef0123456789';

const dockerCgroupfsV1 = `9:name=systemd:/docker/${ID}
8:pids:/docker/${ID}
7:blkio:/docker/${ID}
6:freezer:/docker/${ID}
5:devices:/docker/${ID}
4:memory:/docker/${ID}
3:cpuset:/docker/${ID}
2:cpuacct:/docker/${ID}
1:cpu:/docker/${ID}
0::/docker/${ID}
`;

const cases: [string, string, ReturnType<typeof containerFromCgroup>][] = [
  ['Docker, cgroupfs driver, cgroup v1 (captured)', dockerCgroupfsV1, { id: ID, runtime: 'docker' }],
  ['Docker, systemd driver, cgroup v2', `0::/system.slice/docker-${ID}.scope\n`, { id: ID, runtime: 'docker' }],
  [
    'Docker, systemd driver, cgroup v1',
    `12:pids:/system.slice/docker-${ID}.scope\n11:memory:/system.slice/docker-${ID}.scope\n1:name=systemd:/system.slice/docker-${ID}.scope\n`,
    { id: ID, runtime: 'docker' },
  ],
  ['rootless Docker, cgroup v2', `0::/user.slice/user-1000.slice/user@1000.service/user.slice/docker-${ID}.scope\n`, { id: ID, runtime: 'docker' }],
  [
    'containerd (CRI), systemd driver, cgroup v2',
    `0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-${POD}.slice/cri-containerd-${ID}.scope\n`,
    { id: ID, runtime: 'containerd' },
  ],
  ['Kubernetes, cgroupfs driver, cgroup v1', `11:memory:/kubepods/burstable/pod0a1b2c3d-4e5f-6789-abcd-ef0123456789/${ID}\n3:cpu,cpuacct:/kubepods/burstable/pod0a1b2c3d-4e5f-6789-abcd-ef0123456789/${ID}\n`, { id: ID, runtime: 'kubernetes' }],
  ['Kubernetes best-effort, cgroupfs, cgroup v2', `0::/kubepods/besteffort/pod0a1b2c3d-4e5f-6789-abcd-ef0123456789/${ID}\n`, { id: ID, runtime: 'kubernetes' }],
  ['CRI-O, systemd driver, cgroup v2', `0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-${POD}.slice/crio-${ID}.scope\n`, { id: ID, runtime: 'cri-o' }],
  ['Podman, systemd, cgroup v2 (container subgroup)', `0::/machine.slice/libpod-${ID}.scope/container\n`, { id: ID, runtime: 'podman' }],
  ['rootless Podman, cgroup v2', `0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-${ID}.scope\n`, { id: ID, runtime: 'podman' }],
  ['Podman, cgroupfs, cgroup v1', `5:memory:/libpod_parent/libpod-${ID}\n`, { id: ID, runtime: 'podman' }],
  ['Podman conmon (the monitor, not the container)', `0::/machine.slice/libpod-conmon-${ID}.scope\n`, null],
  ['hybrid host: v2 line at the root, v1 controllers name the container', `0::/\n4:memory:/docker/${ID}\n1:name=systemd:/docker/${ID}\n`, { id: ID, runtime: 'docker' }],
  ['a desktop session, cgroup v2', '0::/user.slice/user-1000.slice/session-3.scope\n', null],
  ['a service, cgroup v1', '12:pids:/system.slice/ollama.service\n1:name=systemd:/system.slice/ollama.service\n', null],
  ['a short id is not an id', '0::/docker/cd449a06d847\n', null],
  ['a docker-named unit that is not a container scope', `0::/system.slice/docker-${ID}.service\n`, null],
  ['empty', '', null],
];

for (const [name, text, expected] of cases) {
  test(`containerFromCgroup: ${name}`, () => {
    assert.deepEqual(containerFromCgroup(text), expected);
  });
}
