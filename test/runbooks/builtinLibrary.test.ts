/**
 * The built-in runbook library (runbooks/*.md), loaded with the real parser, step kinds and
 * library checks, then linted for what makes a runbook safe to run: destructive commands sit
 * behind a confirmation that says what they remove, every step verifies something and has a
 * timeout, shell is POSIX sh (checked by `sh -n`), params are declared, used, and patterned.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkLibrary } from '../../electron/core/runbooks/format/libraryChecks';
import { readRunbookFolder } from '../../electron/core/runbooks/format/runbookFolder';
import { builtInStepKinds } from '../../electron/core/runbooks/steps/builtInStepKinds';
import { stepKindRegistry } from '../../electron/core/runbooks/steps/registry';
import type { Runbook, RunbookStep } from '../../shared/types/runbooks';

const dir = join(__dirname, '..', '..', 'runbooks');
const read = readRunbookFolder(dir, 'builtin', stepKindRegistry(builtInStepKinds));
const library = checkLibrary(read.files);
const runbooks = library.runbooks;
const byId = new Map(runbooks.map((r) => [r.id, r]));

const EXPECTED: Record<string, { category: string; severity?: string; triggers?: string[]; schedule?: string }> = {
  'cold-start': { category: 'deployment' },
  'daily-health-check': { category: 'daily', schedule: '0 8,18 * * *' },
  'disk-space-emergency': { category: 'emergency', severity: 'critical', triggers: ['disk.free'] },
  'gpu-memory-emergency': { category: 'emergency', triggers: ['gpu.memory'] },
  'stack-rollback': { category: 'deployment' },
  'model-management': { category: 'deployment' },
  'backup-and-verify': { category: 'backup' },
  'docker-maintenance-window': { category: 'maintenance', schedule: '0 2 * * 0' },
  'incident-api-not-responding': { category: 'incident', severity: 'critical' },
  'incident-database-connection': { category: 'incident' },
  'incident-model-server-down': { category: 'incident' },
};

/** Commands that remove, stop, kill, restart or unload something: they need `confirm="…"`. */
const DESTRUCTIVE: RegExp[] = [
  /\bdocker(?:-compose)?\s+(?:image\s+|container\s+|builder\s+|system\s+|volume\s+|network\s+)?prune\b/,
  /\bdocker\s+(?:container\s+)?(?:rm|stop|kill|restart)\b/,
  /\bdocker\s+(?:image\s+)?rmi\b/,
  /\b(?:docker\s+compose|docker-compose)\b.*\s(?:down|rm|stop|kill)\b/,
  // `up` that replaces containers; plain `up -d --no-recreate` only starts or creates.
  /\b(?:docker\s+compose|docker-compose)\b.*\sup\b(?!.*--no-recreate)/,
  /(?:^|[;&|(\s])kill\s/,
  /(?:^|[;&|(\s])rm\s/,
  /\bsystemctl\s+(?:stop|restart|kill)\b/,
  /\bbrew\s+services\s+(?:stop|restart)\b/,
  /keep_alive\W{0,4}0\b/,
];
/** Never in any step, confirmed or not (moby#40693, compose#9313). */
const FORBIDDEN: RegExp[] = [/--volumes\b/, /\bdown\s+(?:-\w+\s+)*-v\b/, /\bvolume\s+(?:prune|rm)\b/, /\bsystem\s+prune\b/, /\bprune\s+(?:-\w+\s+)*-a\b/];
/**
 * A destructive word may act on what the step itself made: its temp file, its own child
 * process, its own temporary container. Allowed only when every operand is one of these
 * quoted variables (never a param, never a glob).
 */
const OWN_OPERAND = /^"\$(?:state|tmp|pid|watcher|cid|list|plan)(?:[.][a-z]+)?"$/;
const BASHISMS: [RegExp, string][] = [
  [/\[\[/, '[['],
  [/\bfunction\s+\w+/, 'function keyword'],
  [/(?:^|\s)source\s/, 'source'],
  [/<<</, 'here-string'],
  [/\$\{\w+\/\//, '${var//…}'],
  [/\$\{\w+:[0-9]|\$\{\w+: -/, '${var:offset}'],
  [/&>/, '&>'],
  [/\becho\s+-e\b/, 'echo -e'],
  [/\[\s[^\]]*\s==\s/, '== in ['],
  [/\blocal\s/, 'local'],
  [/\bdeclare\s/, 'declare'],
  [/\w=\(/, 'array'],
  [/\bdate\s+[^|;]*%N/, 'date %N (GNU)'],
  [/\bsed\s+(?:-\w+\s+)*-i\b/, 'sed -i (differs on macOS)'],
  [/\breadlink\s+-f\b/, 'readlink -f (GNU)'],
  [/\bgrep\s+(?:-\w+\s+)*-P\b/, 'grep -P (GNU)'],
];
/** Environment a shell step may read besides its params. */
const ALLOWED_ENV = new Set(['HOME', 'TMPDIR', 'PATH', 'OPSBAR_RUN_ID', 'OPSBAR_STEP_ID', 'OPSBAR_DATA_DIR', 'OPSBAR_RUNBOOK_DIR']);

const executable = (r: Runbook) => r.steps.filter((s): s is RunbookStep & { block: NonNullable<RunbookStep['block']> } => s.block !== null);
const shellSteps = (r: Runbook) => executable(r).filter((s) => s.block.kind === 'shell');
const fenceLine = (r: Runbook, s: RunbookStep) => readFileSync(r.file, 'utf8').split('\n')[s.block!.line - 1];
/** Shell lines without comments (a `#` after whitespace, outside quotes: good enough for these files). */
const codeLines = (body: string) => body.split('\n').map((l) => l.replace(/(^|\s)#(?![^"]*"[^"]*$).*$/, '$1'));

/** The destructive word's operands are all the step's own (OWN_OPERAND): its temp file, its child process. */
function actsOnItsOwn(command: string, hit: RegExp): boolean {
  const words = command.slice(command.search(hit)).trim().split(/\s+/).slice(1);
  const end = words.findIndex((w) => /^(?:\)|;|&&|\|\||\||&|[<>]|\d>)/.test(w));
  const operands = words.slice(0, end === -1 ? undefined : end).filter((w) => !w.startsWith('-') && !/^(?:container|rm|stop|kill)$/.test(w));
  return operands.length > 0 && operands.every((w) => OWN_OPERAND.test(w.replace(/[;)]+$/, '')));
}

test('every file in runbooks/ is a valid runbook and the folder reads cleanly', () => {
  assert.equal(read.problem, null);
  assert.deepEqual(
    library.invalid.map((i) => ({ file: i.file, problems: i.problems.map((p) => `${p.line}: ${p.message}`) })),
    [],
  );
  assert.deepEqual(runbooks.map((r) => r.id).sort(), Object.keys(EXPECTED).sort());
});

test('ids are unique and match their file names', () => {
  assert.equal(new Set(runbooks.map((r) => r.id)).size, runbooks.length);
  for (const r of runbooks) assert.equal(join(dir, `${r.id}.md`), r.file, `${r.id} lives in ${r.file}`);
});

test('categories, severities, triggers and schedules are the ones operators expect', () => {
  for (const [id, want] of Object.entries(EXPECTED)) {
    const r = byId.get(id)!;
    assert.equal(r.category, want.category, id);
    if (want.severity) assert.equal(r.severity, want.severity, id);
    for (const t of want.triggers ?? []) assert.ok(r.triggers.includes(t), `${id} triggers ${t}`);
    assert.equal(r.schedule, want.schedule ?? null, `${id} schedule`);
    if (r.category === 'incident' || r.category === 'emergency') assert.ok(r.severity, `${id} says how severe`);
    assert.ok(r.description.length > 20, `${id} has a description`);
    assert.ok(r.intro.trim().length > 40, `${id} has an introduction`);
  }
});

test('the daily health check runs unattended: no confirmation, no manual step', () => {
  const daily = byId.get('daily-health-check')!;
  assert.equal(daily.needsOperator, false);
  for (const s of daily.steps) {
    assert.equal(s.block?.confirm ?? null, null, s.id);
    assert.notEqual(s.block?.kind, 'manual', s.id);
  }
  const status = daily.steps.find((s) => s.block?.kind === 'action');
  assert.equal(status?.block?.body.trim(), 'status.check');
  assert.equal(status?.block?.attributes['max-severity'], 'warning');
});

test('every destructive command sits in a step that asks for confirmation and says what it removes', () => {
  const unconfirmed: string[] = [];
  for (const r of runbooks) {
    for (const s of shellSteps(r)) {
      for (const line of codeLines(s.block.body)) {
        for (const pattern of FORBIDDEN) assert.doesNotMatch(line, pattern, `${r.id}#${s.id} must never run: ${line.trim()}`);
        // Messages ("… docker pull …") are text, not commands: match with quoted strings blanked.
        const command = line.replace(/"(?:[^"\\]|\\.)*"/g, (q) => (/^"\$\w+(?:[.][a-z]+)?"$/.test(q) ? q : '""'));
        const hit = DESTRUCTIVE.find((p) => p.test(command));
        if (!hit || s.block.confirm) continue;
        if (!actsOnItsOwn(command, hit)) unconfirmed.push(`${r.id}#${s.id}: ${line.trim()}`);
      }
    }
  }
  assert.deepEqual(unconfirmed, []);
  for (const r of runbooks) {
    for (const s of executable(r)) {
      if (s.block.confirm === null) continue;
      assert.ok(s.block.confirm.length >= 40, `${r.id}#${s.id}: confirm must say exactly what is removed, not "${s.block.confirm}"`);
    }
  }
});

test('every executable step verifies something and carries its own timeout', () => {
  for (const r of runbooks) {
    for (const s of executable(r)) {
      const fence = fenceLine(r, s);
      if (s.block.kind !== 'manual') assert.match(fence, /\stimeout=\d+(?:ms|s|m|h)\b/, `${r.id}#${s.id} sets a timeout`);
      if (s.block.kind === 'shell') assert.ok(s.block.attributes['expect-output'], `${r.id}#${s.id} checks its output, not only its exit code`);
      if (s.block.kind === 'http') assert.match(fence, /expect-status=|expect-output=/, `${r.id}#${s.id} says what answer it expects`);
      if (s.block.kind !== 'manual') assert.ok(s.prose.trim().length > 0, `${r.id}#${s.id} explains what it checks`);
    }
  }
});

test('shell blocks are POSIX sh: no bashisms, no GNU-only flags, and `sh -n` accepts them', () => {
  for (const r of runbooks) {
    for (const s of shellSteps(r)) {
      const code = codeLines(s.block.body).join('\n');
      // awk programs and other single-quoted text are not shell: blank them (after the $'…' check).
      assert.doesNotMatch(code, /(?:^|[\s=])\$'/, `${r.id}#${s.id} uses $'…'`);
      assert.doesNotMatch(code, /\\\|/, `${r.id}#${s.id} uses \\| in a basic regex (GNU only)`);
      const shellOnly = code.replace(/'[^']*'/g, "''");
      for (const [pattern, what] of BASHISMS) assert.doesNotMatch(shellOnly, pattern, `${r.id}#${s.id} uses ${what}`);
      const check = spawnSync('/bin/sh', ['-n'], { input: s.block.body, encoding: 'utf8' });
      assert.equal(check.status, 0, `${r.id}#${s.id}: sh -n says ${check.stderr}`);
    }
  }
});

test('params are declared, used, patterned when they reach a command line, and only read as env', () => {
  for (const r of runbooks) {
    const names = new Set(r.params.map((p) => p.name));
    const shell = shellSteps(r).map((s) => s.block.body).join('\n');
    // Non-shell bodies and the attributes of action steps (`stack=${STACK}`) are expanded from the params.
    const other = executable(r)
      .filter((s) => s.block.kind !== 'shell')
      .map((s) => [s.block.body, ...(s.block.kind === 'action' ? Object.values(s.block.attributes) : [])].join('\n'))
      .join('\n');
    for (const p of r.params) {
      const used = new RegExp(`\\$\\{?${p.name}\\b`).test(shell) || other.includes(`\${${p.name}}`);
      assert.ok(used, `${r.id}: param ${p.name} is declared but never used`);
      if (p.type === 'string' && new RegExp(`\\$\\{?${p.name}\\b`).test(shell)) assert.ok(p.pattern, `${r.id}: string param ${p.name} reaches shell without a pattern`);
      if (p.type === 'string' && other.includes(`\${${p.name}}`)) assert.ok(p.pattern, `${r.id}: string param ${p.name} reaches a URL or target without a pattern`);
    }
    for (const m of other.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)) assert.ok(names.has(m[1]), `${r.id}: \${${m[1]}} is not a declared param`);
    for (const s of shellSteps(r)) {
      for (const m of s.block.body.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)) {
        assert.ok(names.has(m[1]) || ALLOWED_ENV.has(m[1]), `${r.id}#${s.id}: $${m[1]} is neither a param nor Opsbar's environment`);
      }
      // A param spliced unquoted into a command line would be word-split and globbed.
      for (const line of codeLines(s.block.body)) {
        // Plain assignments (x=${NAME:-…}) are not split; everything else must be quoted.
        const unquoted = line.replace(/"\$\{?[A-Z][A-Z0-9_]*\}?"/g, 'Q').replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/'[^']*'/g, "''").replace(/(?:^|\s)\w+=\$\{[^}\s]*\}/g, ' ');
        for (const name of names) {
          const p = r.params.find((q) => q.name === name)!;
          if (p.type !== 'string') continue;
          assert.doesNotMatch(unquoted, new RegExp(`\\$\\{?${name}\\b`), `${r.id}#${s.id}: "$${name}" must be quoted: ${line.trim()}`);
        }
      }
    }
  }
});

test('parts a host may lack are named in the step that needs them', () => {
  const says = (id: string, text: RegExp) =>
    assert.ok(shellSteps(byId.get(id)!).some((s) => text.test(s.block.body)), `${id} says ${text}`);
  says('daily-health-check', /no NVIDIA GPU \(nvidia-smi not found\): not checked/);
  says('daily-health-check', /no model server configured \(MODEL_URL empty\): not checked/);
  says('gpu-memory-emergency', /no NVIDIA GPU here/);
  says('cold-start', /no compose CLI/);
  says('model-management', /no model server answers at/);
  says('backup-and-verify', /no VOLUME named/);
});

test('incident runbooks branch: the API decision tree uses goto on success and failure; a failed verify after the restart fails the run and suggests the rollback', () => {
  const api = byId.get('incident-api-not-responding')!;
  const blocks = executable(api).map((s) => s.block);
  assert.ok(blocks.some((b) => b.onFailure.kind === 'goto'));
  assert.ok(blocks.some((b) => b.onSuccess.kind === 'goto'));
  assert.ok(blocks.some((b) => b.onFailure.kind === 'runbook' && b.onFailure.runbookId === 'incident-database-connection'));
  const verify = api.steps.find((s) => s.id === 'verify-the-api-answers')?.block;
  assert.deepEqual(verify?.onFailure, { kind: 'runbook', runbookId: 'stack-rollback' });
  assert.deepEqual(verify?.onSuccess, { kind: 'stop' });
  for (const id of ['incident-database-connection', 'incident-model-server-down']) {
    assert.ok(executable(byId.get(id)!).some((s) => s.block.onFailure.kind === 'goto'), `${id} branches on failure`);
  }
});

const EMERGENCY_ACTIONS: Record<string, { action: string; stack?: string }> = {
  'disk-space-emergency': { action: 'disk' },
  'gpu-memory-emergency': { action: 'gpu' },
  'stack-rollback': { action: 'rollback', stack: '${STACK}' },
};

test('the emergency runbooks act only through the emergency actions: a plan step, then a confirmed execute step, then their verify steps', () => {
  for (const [id, want] of Object.entries(EMERGENCY_ACTIONS)) {
    const steps = executable(byId.get(id)!);
    const plan = steps.findIndex((s) => s.block.kind === 'action' && s.block.body.trim() === 'emergency.plan');
    const execute = steps.findIndex((s) => s.block.kind === 'action' && s.block.body.trim() === 'emergency.execute');
    assert.ok(plan >= 0 && execute === plan + 1, `${id}: emergency.plan comes right before emergency.execute`);
    assert.equal(steps[plan].block.attributes.action, want.action, `${id} plans action=${want.action}`);
    assert.equal(steps[plan].block.attributes.stack, want.stack, `${id} stack`);
    assert.equal(steps[plan].block.confirm, null, `${id}: planning touches nothing and needs no confirmation`);
    assert.match(steps[execute].block.confirm ?? '', /^Confirm to execute exactly the plan shown above/, `${id}: execute asks to confirm the plan shown`);
    assert.ok(steps.length > execute + 1, `${id} verifies after executing`);
    // Shell is left to measuring and listing: no prune, rm, kill, stop, compose up/down, unload.
    for (const s of steps.filter((step) => step.block.kind === 'shell')) {
      for (const line of codeLines(s.block.body)) {
        const command = line.replace(/"(?:[^"\\]|\\.)*"/g, (q) => (/^"\$\w+(?:[.][a-z]+)?"$/.test(q) ? q : '""'));
        const hit = DESTRUCTIVE.find((pattern) => pattern.test(command));
        assert.ok(!hit || actsOnItsOwn(command, hit), `${id}#${s.id} runs a destructive command itself: ${line.trim()}`);
        assert.doesNotMatch(line, /\b(?:docker\s+compose|docker-compose)\b/, `${id}#${s.id} needs no compose CLI`);
      }
      assert.equal(s.block.confirm, null, `${id}#${s.id}: a shell step that only reads needs no confirmation`);
    }
  }
});

test('the rollback plans to a snapshot (the plan refuses before anything stops) and verifies health after; no compose CLI', () => {
  const rollback = byId.get('stack-rollback')!;
  assert.deepEqual(rollback.params.map((p) => p.name).sort(), ['HEALTH_HOST', 'HEALTH_PATH', 'HEALTH_PORT', 'SNAPSHOT', 'STACK']);
  const steps = executable(rollback);
  const plan = steps.find((s) => s.block.body.trim() === 'emergency.plan')!;
  assert.equal(plan.block.attributes.snapshot, '${SNAPSHOT}');
  assert.deepEqual(plan.block.onFailure, { kind: 'stop' }, 'a refused plan stops the run before the execute step');
  const after = steps.slice(steps.indexOf(plan) + 2).map((s) => [s.block.kind, s.block.body.trim()]);
  assert.deepEqual(after, [['container-health', 'stack:${STACK}'], ['http', 'GET http://${HEALTH_HOST}:${HEALTH_PORT}${HEALTH_PATH}']]);
});

test('README indexes every runbook', () => {
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  for (const r of runbooks) assert.match(readme, new RegExp(`\\[${r.id}\\]\\(${r.id}\\.md\\)`), `README lists ${r.id}`);
});
