import assert from 'node:assert/strict';
import { test } from 'node:test';
// Ajv (draft 2020-12) is what a JSON Schema consumer would use; it checks our schemas mean what the zod ones do.
import Ajv2020 from 'ajv/dist/2020';
import { GUARDED_SETTINGS } from '../../../electron/core/config/settingsChangeGate';
import { settingsSchemaView } from '../../../electron/core/config/settingsSchemaView';
import { defaultSettings, SETTINGS_SECTIONS } from '../../../shared/config/settingsSchema';

const view = settingsSchemaView();
const compile = (schema: unknown) => new Ajv2020({ strict: false, allErrors: true }).compile(schema as object);
const sectionOf = (id: string) => {
  const section = view.sections.find((s) => s.id === id);
  assert.ok(section, `section ${id}`);
  return section;
};

test('every settings section is there, in order, with a title, a sentence and an object schema', () => {
  assert.deepEqual(
    view.sections.map((s) => s.id),
    Object.keys(SETTINGS_SECTIONS),
  );
  for (const section of view.sections) {
    assert.ok(section.title.length > 0 && section.description.endsWith('.'), section.id);
    assert.equal((section.schema as { type: string }).type, 'object', section.id);
  }
  assert.deepEqual(view.guarded, GUARDED_SETTINGS);
  assert.ok('http.checks' in view.guarded && 'models.endpoints' in view.guarded);
});

test("round trip: each section's defaults, and an empty section, validate against its JSON Schema", () => {
  const defaults = defaultSettings() as unknown as Record<string, unknown>;
  for (const section of view.sections) {
    const validate = compile(section.schema);
    assert.equal(validate(defaults[section.id]), true, `${section.id}: ${JSON.stringify(validate.errors)}`);
    assert.equal(validate({}), true, `${section.id} {}`);
  }
});

test('the JSON Schema refuses what the file refuses: wrong types, out of range, unknown fields', () => {
  const monitoring = compile(sectionOf('monitoring').schema);
  assert.equal(monitoring({ systemIntervalMs: 'fast' }), false);
  assert.equal(monitoring({ systemIntervalMs: 10 }), false);
  assert.equal(monitoring({ nope: 1 }), false);
  const notifications = compile(sectionOf('notifications').schema);
  assert.equal(notifications({ minSeverity: 'loud' }), false);
});

test('durations are usable: a number or a text like "90s" / "15m"', () => {
  const schema = sectionOf('notifications').schema as { properties: { repeatCritical: { anyOf: { type: string }[] } } };
  assert.deepEqual(
    schema.properties.repeatCritical.anyOf.map((a) => a.type),
    ['number', 'string'],
  );
  const validate = compile(sectionOf('emergency').schema);
  assert.equal(validate({ planTtl: '15m', gpu: { termGrace: 90 } }), true);
});

test('records, arrays of objects and per-GPU thresholds are described; fields carry their help text', () => {
  const gpu = sectionOf('gpu').schema as { properties: Record<string, { type?: string; description?: string; additionalProperties?: unknown }> };
  assert.equal(gpu.properties.perGpu.type, 'object');
  assert.ok(gpu.properties.perGpu.additionalProperties);
  assert.match(gpu.properties.intervalMs.description ?? '', /milliseconds/);
  const models = sectionOf('models').schema as { properties: { endpoints: { type: string; items: { required: string[] } } } };
  assert.equal(models.properties.endpoints.type, 'array');
  assert.deepEqual(models.properties.endpoints.items.required, ['url']);
  const runbooks = sectionOf('runbooks').schema as { properties: { maintenanceWindow: { properties: Record<string, unknown> } } };
  assert.ok('cron' in runbooks.properties.maintenanceWindow.properties);
});

test('each call answers its own copy', () => {
  const first = settingsSchemaView();
  first.sections.length = 0;
  assert.equal(settingsSchemaView().sections.length, Object.keys(SETTINGS_SECTIONS).length);
});
