// Published ports as the real Docker engine lists them: what the models module searches for model servers.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createDockerCollector } from '../../../../electron/core/monitors/docker';
import { containerListFrom } from '../../../../electron/core/monitors/docker/engineReplies';
import { publishedPorts } from '../../../../electron/core/monitors/docker/publishedPorts';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import { removeTestStacks, requireDocker, TEST_IMAGE, TEST_LABEL, testDocker } from '../../../support/dockerEngine';

after(() => removeTestStacks());

describe('published ports', () => {
  it('only entries with a host port, each address family as the engine lists it', () => {
    // The shape of GET /containers/json `Ports` (Engine API 1.43): exposed-only entries have no PublicPort.
    const [summary] = containerListFrom([
      {
        Id: 'abc',
        Ports: [
          { IP: '0.0.0.0', PrivatePort: 11434, PublicPort: 11434, Type: 'tcp' },
          { IP: '::', PrivatePort: 11434, PublicPort: 11434, Type: 'tcp' },
          { PrivatePort: 9000, Type: 'tcp' },
          { IP: '127.0.0.1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
        ],
      },
    ]);
    assert.deepEqual(publishedPorts(summary), [
      { hostIp: '0.0.0.0', hostPort: 11434, containerPort: 11434, protocol: 'tcp' },
      { hostIp: '::', hostPort: 11434, containerPort: 11434, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 5353, containerPort: 53, protocol: 'udp' },
    ]);
    assert.deepEqual(publishedPorts(containerListFrom([{ Id: 'x', Ports: null }])[0]), []);
  });

  it("a running container's published port appears in the Docker snapshot", async (t) => {
    if (!(await requireDocker(t))) return;
    const container = await testDocker().createContainer({
      name: `opsbar-t${process.pid}-ports`,
      Image: TEST_IMAGE,
      Cmd: ['sleep', '3600'],
      Labels: { [TEST_LABEL]: '1', 'opsbar.test.pid': String(process.pid) },
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
      StopTimeout: 1,
    });
    await container.start();
    const collector = createDockerCollector(defaultSettings());
    try {
      const { snapshot } = await collector.collect();
      const found = snapshot.stacks.flatMap((s) => s.containers).find((c) => c.id === container.id);
      assert.ok(found, 'the test container is listed');
      assert.equal(found.ports.length, 1, JSON.stringify(found.ports));
      const [port] = found.ports;
      assert.deepEqual([port.hostIp, port.containerPort, port.protocol], ['127.0.0.1', 80, 'tcp']);
      assert.ok(port.hostPort > 0);
    } finally {
      await collector.stop();
    }
  });
});
