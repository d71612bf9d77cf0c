// `opsbar incidents`, `opsbar incident …` and `opsbar audit` as a user runs them (the built CLI,
// `npx tsc -p tsconfig.build.json` first), on a data dir whose history an app-side store holds open.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertView, MINUTE, openIncidentHarness, transition } from '../core/incidents/incidentHarness';
import { runOpsbar } from '../support/opsbarProcess';
import { join } from 'node:path';
import { tempDir } from '../support/tempDir';

function appWithIncidents() {
  const dataDir = tempDir('opsbar-incidents-cli-');
  const app = openIncidentHarness({ file: join(dataDir, 'opsbar.db') });
  const t0 = app.clock.now();
  const loop = alertView('container.restart_loop', 'demo-loop', { group: 'stack:demo' });
  app.incidents.onTransitions([transition('fired', loop, t0)]);
  app.incidents.onTransitions([transition('fired', alertView('disk.free', 'disk:/', { group: 'disk:/', label: 'Disk /', summary: '9% free' }), t0 + MINUTE)]);
  app.incidents.onTransitions([transition('resolved', alertView('disk.free', 'disk:/', { group: 'disk:/' }), t0 + 5 * MINUTE)]);
  const open = app.incidents.forAlert(loop.key)?.id as number;
  return { dataDir, app, loopKey: loop.key, open, resolved: open + 1 };
}

test('opsbar incidents lists open ones first with TTA and TTR; --json gives the summaries', async () => {
  const { dataDir, app, open, resolved } = appWithIncidents();
  const text = await runOpsbar(['incidents', '--data-dir', dataDir]);
  assert.equal(text.code, 0, text.stderr);
  const lines = text.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^ID\s+STATE\s+SEVERITY\s+OPENED\s+TTA\s+TTR\s+TITLE$/);
  assert.match(lines[1], new RegExp(`^#${open}\\s+open\\s+warning\\s+\\S+ \\S+\\s+-\\s+-\\s+demo-loop — restarted 6 times in 10 min$`));
  assert.match(lines[2], new RegExp(`^#${resolved}\\s+resolved\\s+warning\\s+\\S+ \\S+\\s+-\\s+4 min\\s+Disk / — 9% free$`));
  const json = await runOpsbar(['incidents', '--json', '--data-dir', dataDir]);
  assert.deepEqual((JSON.parse(json.stdout) as { id: number; ttrMs: number | null }[]).map((i) => [i.id, i.ttrMs]), [[open, null], [resolved, 4 * MINUTE]]);
  app.close();
});

test('opsbar incident ack from the CLI is seen by the app at once; note, resolve and show; audit rows as the actor cli', async () => {
  const { dataDir, app, loopKey, open } = appWithIncidents();
  assert.deepEqual(app.incidents.forAlert(loopKey), { id: open, acknowledged: false });
  const ack = await runOpsbar(['incident', 'ack', String(open), '--data-dir', dataDir]);
  assert.equal(ack.code, 0, ack.stderr);
  assert.match(ack.stdout, new RegExp(`^Incident #${open} acknowledged\\.`));
  assert.deepEqual(app.incidents.forAlert(loopKey), { id: open, acknowledged: true }, 'the app reads the ack from the shared file');

  assert.equal((await runOpsbar(['incident', 'note', String(open), 'restarted', 'the', 'proxy', '--data-dir', dataDir])).code, 0);
  const resolve = await runOpsbar(['incident', 'resolve', String(open), 'fixed by hand', '--data-dir', dataDir]);
  assert.equal(resolve.code, 0, resolve.stderr);
  const show = await runOpsbar(['incident', 'show', String(open), '--data-dir', dataDir]);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /acknowledged by cli after/);
  assert.match(show.stdout, /note\s+restarted the proxy {2}\[cli\]/);
  assert.match(show.stdout, /resolved\s+Resolved by cli: fixed by hand\. Its alert \(demo-loop\) still fire/);
  const detail = JSON.parse((await runOpsbar(['incident', 'show', String(open), '--json', '--data-dir', dataDir])).stdout) as { state: string; resolvedBy: string };
  assert.deepEqual([detail.state, detail.resolvedBy], ['resolved', 'cli']);

  const audit = await runOpsbar(['audit', '--kind', 'incident', '--since', '24h', '--json', '--data-dir', dataDir]);
  assert.equal(audit.code, 0, audit.stderr);
  const rows = (JSON.parse(audit.stdout) as { action: string; actor: string; target: string }[]).map((r) => [r.action, r.actor, r.target]);
  assert.deepEqual(rows, [
    ['incident.resolve', 'cli', `incident #${open}`],
    ['incident.note', 'cli', `incident #${open}`],
    ['incident.ack', 'cli', `incident #${open}`],
  ]);
  const table = await runOpsbar(['audit', '--limit', '1', '--data-dir', dataDir]);
  assert.match(table.stdout, new RegExp(`^ID\\s+AT\\s+ACTOR\\s+ACTION\\s+OUTCOME\\s+TARGET\\n\\d+\\s+\\S+ \\S+\\s+cli\\s+incident\\.resolve\\s+succeeded\\s+incident #${open}\\n$`));
  app.close();
});

test('an unknown incident exits 1 with the message; a malformed id or bad option exits 64', async () => {
  const { dataDir, app } = appWithIncidents();
  const unknown = await runOpsbar(['incident', 'ack', '42', '--data-dir', dataDir]);
  assert.deepEqual([unknown.code, unknown.stderr.trim()], [1, 'No incident 42.']);
  for (const args of [['incident', 'ack', 'abc'], ['incident', 'ack', '-3'], ['incident', 'note', '1'], ['incident', 'frob', '1'], ['incident'], ['audit', '--since', 'yesterday'], ['audit', '--limit', '0'], ['audit', '--kind', 'Runbook!']]) {
    const result = await runOpsbar([...args, '--data-dir', dataDir]);
    assert.equal(result.code, 64, `${args.join(' ')}: ${result.stderr}`);
    assert.ok(result.stderr.trim().length > 10, result.stderr);
  }
  app.close();
});
