// Child process of bench/modelProbe.ts: hosts the fake model servers, so that the probe's CPU
// (process.cpuUsage in the parent) does not include the server's. Protocol over IPC:
// parent sends { options } → child answers { url }; 'streams' → the last server's EmittedStream[];
// 'close' → child closes them all and exits.
import { startFakeModelServer, type FakeModelOptions, type FakeModelServer } from '../test/support/fakeModelServer';

const running: FakeModelServer[] = [];
process.on('message', (message: { options: FakeModelOptions } | 'close' | 'streams') => {
  if (message === 'streams') {
    process.send?.({ streams: running.at(-1)?.streams ?? [] });
    return;
  }
  if (message === 'close') {
    void Promise.all(running.map((s) => s.close())).then(() => process.exit(0));
    return;
  }
  void startFakeModelServer(message.options).then((server) => {
    running.push(server);
    process.send?.({ url: server.url });
  });
});
process.send?.({ ready: true });
