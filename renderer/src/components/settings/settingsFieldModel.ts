import { formatDuration } from '../../../../shared/format/duration';

/** The part of a JSON Schema (draft 2020-12, from the core's `settings.schema`) the form reads. */
export interface JsonSchemaNode {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchemaNode[];
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  minimum?: number;
  maximum?: number;
  description?: string;
  default?: unknown;
}

/** How a field is edited. */
export type FieldKind = 'boolean' | 'number' | 'nullableNumber' | 'duration' | 'enum' | 'string' | 'list' | 'group' | 'json';

const isNumeric = (type: string | undefined) => type === 'number' || type === 'integer';

/** The editor a schema node gets: simple values get inputs, fixed-shape objects a group, anything else a JSON editor. */
export function fieldKindOf(node: JsonSchemaNode): FieldKind {
  if (node.enum) return 'enum';
  if (node.type === 'boolean') return 'boolean';
  if (isNumeric(node.type)) return 'number';
  if (node.type === 'string') return 'string';
  if (node.anyOf) {
    const types = node.anyOf.map((a) => a.type);
    // A duration (shared durationSchema): seconds as a number, or text such as "15m".
    if (types.length === 2 && isNumeric(types[0]) && types[1] === 'string') return 'duration';
    if (types.length === 2 && isNumeric(types[0]) && types[1] === 'null') return 'nullableNumber';
  }
  if (node.type === 'array' && (node.items?.type === 'string' || isNumeric(node.items?.type)) && !node.items?.enum) return 'list';
  if (node.type === 'object' && node.properties && typeof node.additionalProperties !== 'object') return 'group';
  return 'json';
}

/** The bounds of a number field (for a nullable number, of its number part). */
export function numberBounds(node: JsonSchemaNode): { min?: number; max?: number; integer: boolean } {
  const numeric = node.anyOf?.find((a) => isNumeric(a.type)) ?? node;
  return { min: numeric.minimum, max: numeric.maximum, integer: numeric.type === 'integer' };
}

/** A unit to show after a number, from the field's name (systemIntervalMs → ms) or its help text. */
export function unitOf(name: string, description = ''): string | null {
  if (/Ms$/.test(name)) return 'ms';
  if (/Percent/.test(name)) return '%';
  if (/C$/.test(name) && /temperature/i.test(name)) return '°C';
  if (/Days$/.test(name)) return 'days';
  if (/Hours$/.test(name)) return 'hours';
  if (/Minutes$/.test(name) || name === 'minutes') return 'min';
  if (/Mb$/.test(name)) return 'MB';
  const hint = /\bin (milliseconds|percent|days|hours|minutes|seconds)\b/.exec(description)?.[1];
  return hint ? { milliseconds: 'ms', percent: '%', days: 'days', hours: 'hours', minutes: 'min', seconds: 's' }[hint] ?? null : null;
}

/** "systemIntervalMs" → "System interval (ms)" reads worse than "System interval ms": words, first capital. */
export function labelOf(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/ ms$/, '')
    .replace(/ (percent)( |$)/, ' %$2')
    .replace(/ c$/, '');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A value as the form edits it. Settings arrive as the core reads them: durations in ms. The
 * file (and a patch) reads a bare number as seconds, so durations are edited as text ("15m"),
 * inside JSON editors too: sending back ms as a number would mean a thousand times longer.
 */
export function editableValue(value: unknown, node: JsonSchemaNode | undefined): unknown {
  if (!node) return value;
  const kind = fieldKindOf(node);
  if (kind === 'duration') return typeof value === 'number' ? formatDuration(value) : value;
  if (Array.isArray(value)) return value.map((item) => editableValue(item, node.items));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const child = node.properties?.[key] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      out[key] = editableValue(item, child);
    }
    return out;
  }
  return value;
}

/** What an input shows for a value (checkboxes keep booleans). */
export type Draft = string | boolean;

export function draftOf(value: unknown, node: JsonSchemaNode): Draft {
  const kind = fieldKindOf(node);
  const editable = editableValue(value, node);
  switch (kind) {
    case 'boolean':
      return editable === true;
    case 'list':
      return Array.isArray(editable) ? editable.map(String).join('\n') : '';
    case 'json':
      return editable === undefined ? '' : JSON.stringify(editable, null, 2);
    default:
      return editable === undefined || editable === null ? '' : String(editable);
  }
}

export class DraftError extends Error {}

/** A draft back to the value a patch carries; throws DraftError for text that is no such value. */
export function valueOf(draft: Draft, node: JsonSchemaNode): unknown {
  const kind = fieldKindOf(node);
  if (typeof draft === 'boolean') return draft;
  const text = draft.trim();
  switch (kind) {
    case 'number':
    case 'nullableNumber': {
      if (text === '' && kind === 'nullableNumber') return null;
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) throw new DraftError('Enter a number.');
      return n;
    }
    case 'duration': {
      // A bare number is seconds, as in the file.
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : text;
    }
    case 'list': {
      const lines = draft.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      if (!isNumeric(node.items?.type)) return lines;
      return lines.map((line) => {
        const n = Number(line);
        if (!Number.isFinite(n)) throw new DraftError(`"${line}" is not a number.`);
        return n;
      });
    }
    case 'json': {
      if (text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new DraftError(`Not valid JSON: ${(error as Error).message}`);
      }
    }
    default:
      return draft;
  }
}
