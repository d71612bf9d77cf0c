// Which Docker a socket belongs to, from its path and the engine's /version and /info answers
// (bodies shaped as each product answers them, trimmed to the fields that tell them apart).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerKindOf, kindFromPath } from '../../../electron/core/setup/dockerKind';

const desktopVersion = {
  Platform: { Name: 'Docker Desktop 4.37.1 (178610)' },
  Components: [{ Name: 'Engine', Version: '27.4.0' }],
  Version: '27.4.0',
  ApiVersion: '1.47',
  Os: 'linux',
};
const desktopInfo = { Name: 'docker-desktop', OperatingSystem: 'Docker Desktop', OSType: 'linux', ServerVersion: '27.4.0' };
const plainEngineVersion = { Platform: { Name: 'Docker Engine - Community' }, Components: [{ Name: 'Engine', Version: '27.3.1' }], Version: '27.3.1' };
const plainEngineInfo = { Name: 'gpu-box', OperatingSystem: 'Ubuntu 24.04.1 LTS', ServerVersion: '27.3.1' };

describe('which Docker answers', () => {
  it('Docker Desktop by its socket in ~/.docker/run, and by its answers on /var/run/docker.sock', () => {
    assert.deepEqual(dockerKindOf('/Users/ana/.docker/run/docker.sock', { version: desktopVersion, info: desktopInfo }), {
      kind: 'docker-desktop',
      detail: 'Docker Desktop 4.37.1 (engine 27.4.0)',
    });
    // Docker Desktop's helper links /var/run/docker.sock: only the answers tell.
    assert.equal(dockerKindOf('/var/run/docker.sock', { version: desktopVersion, info: desktopInfo }).kind, 'docker-desktop');
    assert.equal(kindFromPath('/Users/ana/Library/Containers/com.docker.docker/Data/docker.raw.sock'), 'docker-desktop');
    assert.equal(dockerKindOf('/Users/ana/.docker/run/docker.sock', null).kind, 'docker-desktop');
  });

  it('Colima by ~/.colima/<profile>/docker.sock or its name', () => {
    const info = { Name: 'colima', OperatingSystem: 'Ubuntu 24.04 LTS', ServerVersion: '27.4.0' };
    assert.deepEqual(dockerKindOf('/Users/ana/.colima/default/docker.sock', { version: { Version: '27.4.0' }, info }), { kind: 'colima', detail: 'Colima (engine 27.4.0)' });
    assert.equal(kindFromPath('/Users/ana/.colima/work/docker.sock'), 'colima');
    assert.equal(dockerKindOf('/var/run/docker.sock', { version: {}, info: { Name: 'colima-work' } }).kind, 'colima');
  });

  it('OrbStack by ~/.orbstack/run/docker.sock or OperatingSystem "OrbStack"', () => {
    assert.equal(kindFromPath('/Users/ana/.orbstack/run/docker.sock'), 'orbstack');
    assert.deepEqual(dockerKindOf('/var/run/docker.sock', { version: { Version: '27.3.1' }, info: { Name: 'orbstack', OperatingSystem: 'OrbStack' } }), {
      kind: 'orbstack',
      detail: 'OrbStack (engine 27.3.1)',
    });
  });

  it('Podman by its socket or the "Podman Engine" component', () => {
    const version = { Platform: { Name: 'linux/amd64/fedora-40' }, Components: [{ Name: 'Podman Engine', Version: '5.2.2' }], Version: '5.2.2', ApiVersion: '1.41' };
    assert.deepEqual(dockerKindOf('/run/user/1000/podman/podman.sock', { version, info: { OperatingSystem: 'fedora' } }), { kind: 'podman', detail: 'Podman 5.2.2' });
    assert.equal(kindFromPath('/run/podman/podman.sock'), 'podman');
    // Podman's docker-compatible socket at /var/run/docker.sock (podman-docker).
    assert.equal(dockerKindOf('/var/run/docker.sock', { version, info: {} }).kind, 'podman');
  });

  it('Rancher Desktop by ~/.rd/docker.sock or its VM name', () => {
    assert.equal(kindFromPath('/Users/ana/.rd/docker.sock'), 'rancher-desktop');
    assert.equal(dockerKindOf('/var/run/docker.sock', { version: {}, info: { Name: 'lima-rancher-desktop', OperatingSystem: 'Alpine Linux v3.20' } }).kind, 'rancher-desktop');
  });

  it('a plain engine on /var/run/docker.sock is the Linux engine; tcp:// is remote', () => {
    assert.deepEqual(dockerKindOf('/var/run/docker.sock', { version: plainEngineVersion, info: plainEngineInfo }), { kind: 'linux-engine', detail: 'Linux engine 27.3.1' });
    assert.deepEqual(dockerKindOf('/var/run/docker.sock', null), { kind: 'linux-engine', detail: 'Linux engine' });
    assert.equal(dockerKindOf('tcp://10.0.0.5:2375', { version: plainEngineVersion, info: plainEngineInfo }).kind, 'remote');
  });

  it('answers of the wrong shape are no kind, not a crash', () => {
    for (const odd of [null, 5, 'text', [], { Components: 'x', Platform: 7 }, { Name: 12, OperatingSystem: {} }]) {
      assert.equal(dockerKindOf('/var/run/docker.sock', { version: odd, info: odd }).kind, 'linux-engine');
    }
  });
});
