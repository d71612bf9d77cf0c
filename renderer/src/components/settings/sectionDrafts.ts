import { draftOf, DraftError, fieldKindOf, valueOf, type Draft, type JsonSchemaNode } from './settingsFieldModel';
import type { FieldError } from './settingsErrors';

/** A section's top-level fields, minus those edited elsewhere on the page. */
export function fieldsOf(schema: JsonSchemaNode, skip: ReadonlySet<string>, section: string): [string, JsonSchemaNode][] {
  return Object.entries(schema.properties ?? {}).filter(([name]) => !skip.has(`${section}.${name}`));
}

/** Every input's draft, keyed by `section.field[.sub]`; groups are flattened into their fields. */
export function draftsOf(section: string, fields: [string, JsonSchemaNode][], values: Record<string, unknown>): Record<string, Draft> {
  const drafts: Record<string, Draft> = {};
  const walk = (path: string, node: JsonSchemaNode, value: unknown) => {
    if (fieldKindOf(node) === 'group') {
      const object = (value ?? {}) as Record<string, unknown>;
      for (const [child, childNode] of Object.entries(node.properties ?? {})) walk(`${path}.${child}`, childNode, object[child]);
    } else {
      drafts[path] = draftOf(value, node);
    }
  };
  for (const [name, node] of fields) walk(`${section}.${name}`, node, values[name]);
  return drafts;
}

/** Every path a problem can be shown at (inputs and groups). */
export function pathsOf(section: string, fields: [string, JsonSchemaNode][]): Set<string> {
  const paths = new Set<string>();
  const walk = (path: string, node: JsonSchemaNode) => {
    paths.add(path);
    if (fieldKindOf(node) === 'group') for (const [child, childNode] of Object.entries(node.properties ?? {})) walk(`${path}.${child}`, childNode);
  };
  for (const [name, node] of fields) walk(`${section}.${name}`, node);
  return paths;
}

function built(path: string, node: JsonSchemaNode, drafts: Record<string, Draft>, errors: FieldError[]): unknown {
  if (fieldKindOf(node) === 'group') {
    const object: Record<string, unknown> = {};
    for (const [child, childNode] of Object.entries(node.properties ?? {})) {
      const value = built(`${path}.${child}`, childNode, drafts, errors);
      if (value !== undefined) object[child] = value;
    }
    return object;
  }
  try {
    return valueOf(drafts[path] ?? '', node);
  } catch (error) {
    if (!(error instanceof DraftError)) throw error;
    errors.push({ path, message: error.message });
    return undefined;
  }
}

/**
 * The section's patch: only the top-level fields whose value changed (a group, such as the
 * maintenance window, is sent whole: the core replaces a nested object whole), and the drafts
 * that are no value at all (text in a number field, broken JSON).
 */
export function sectionPatch(
  section: string,
  fields: [string, JsonSchemaNode][],
  drafts: Record<string, Draft>,
  initial: Record<string, Draft>,
): { patch: Record<string, unknown>; errors: FieldError[] } {
  const patch: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [name, node] of fields) {
    const path = `${section}.${name}`;
    const ignored: FieldError[] = [];
    const before = JSON.stringify(built(path, node, initial, ignored));
    const fieldErrors: FieldError[] = [];
    const after = built(path, node, drafts, fieldErrors);
    errors.push(...fieldErrors);
    if (fieldErrors.length === 0 && JSON.stringify(after) !== before && after !== undefined) patch[name] = after;
  }
  return { patch, errors };
}
