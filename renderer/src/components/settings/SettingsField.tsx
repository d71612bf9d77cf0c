/** @jsxRuntime automatic */
import type { Draft, JsonSchemaNode } from './settingsFieldModel';
import { fieldKindOf, labelOf, numberBounds, unitOf } from './settingsFieldModel';
import { fieldDomId } from './settingsErrors';

export interface SettingsFieldProps {
  /** `section.field[.sub]`. */
  path: string;
  name: string;
  node: JsonSchemaNode;
  drafts: Record<string, Draft>;
  errors: Record<string, string[]>;
  /** Why a change needs confirmation, for a guarded field. */
  guardedWhy?: string;
  onChange(path: string, draft: Draft): void;
}

function FieldErrors({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages || messages.length === 0) return null;
  return (
    <ul className="settings-field-errors" id={`${id}-errors`} role="alert">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

function Help({ id, node, guardedWhy }: { id: string; node: JsonSchemaNode; guardedWhy?: string }) {
  return (
    <>
      {node.description ? (
        <p className="settings-field-help" id={`${id}-help`}>
          {node.description}
        </p>
      ) : null}
      {guardedWhy ? <p className="settings-field-guarded">Asks for confirmation: {guardedWhy}</p> : null}
    </>
  );
}

/** One field from its JSON Schema: a checkbox, a number with its bounds and unit, a select, a text, a list, a group or a JSON editor. */
export function SettingsField({ path, name, node, drafts, errors, guardedWhy, onChange }: SettingsFieldProps) {
  const kind = fieldKindOf(node);
  const id = fieldDomId(path);
  const label = labelOf(name);
  const messages = errors[path];
  const invalid = messages && messages.length > 0 ? true : undefined;
  const describedBy = [node.description ? `${id}-help` : '', invalid ? `${id}-errors` : ''].filter(Boolean).join(' ') || undefined;
  const draft = drafts[path];

  if (kind === 'group') {
    return (
      <fieldset className="settings-group" id={id}>
        <legend>{label}</legend>
        <Help id={id} node={node} guardedWhy={guardedWhy} />
        <FieldErrors id={id} messages={messages} />
        {Object.entries(node.properties ?? {}).map(([child, childNode]) => (
          <SettingsField key={child} path={`${path}.${child}`} name={child} node={childNode} drafts={drafts} errors={errors} onChange={onChange} />
        ))}
      </fieldset>
    );
  }

  if (kind === 'boolean') {
    return (
      <div className={`settings-field settings-field-boolean${invalid ? ' settings-field-invalid' : ''}`}>
        <label htmlFor={id}>
          <input id={id} type="checkbox" checked={draft === true} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => onChange(path, e.target.checked)} />
          {label}
        </label>
        <Help id={id} node={node} guardedWhy={guardedWhy} />
        <FieldErrors id={id} messages={messages} />
      </div>
    );
  }

  const text = typeof draft === 'string' ? draft : '';
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': invalid, spellCheck: false };
  let input;
  if (kind === 'enum') {
    input = (
      <select {...common} value={text} onChange={(e) => onChange(path, e.target.value)}>
        {(node.enum ?? []).map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'number' || kind === 'nullableNumber') {
    const bounds = numberBounds(node);
    const unit = unitOf(name, node.description);
    input = (
      <span className="settings-number">
        <input
          {...common}
          type="number"
          inputMode={bounds.integer ? 'numeric' : 'decimal'}
          min={bounds.min}
          max={bounds.max}
          step={bounds.integer ? 1 : 'any'}
          placeholder={kind === 'nullableNumber' ? 'off' : undefined}
          value={text}
          onChange={(e) => onChange(path, e.target.value)}
        />
        {unit ? <span className="settings-unit">{unit}</span> : null}
        {bounds.min !== undefined || bounds.max !== undefined ? (
          <span className="settings-bounds">
            {bounds.min ?? '…'}–{bounds.max ?? '…'}
          </span>
        ) : null}
      </span>
    );
  } else if (kind === 'list' || kind === 'json') {
    const rows = Math.min(12, Math.max(kind === 'json' ? 4 : 3, text.split('\n').length + 1));
    input = <textarea {...common} className={kind === 'json' ? 'settings-json' : 'settings-list'} rows={rows} value={text} placeholder={kind === 'list' ? 'one per line' : 'JSON'} onChange={(e) => onChange(path, e.target.value)} />;
  } else {
    input = <input {...common} type="text" value={text} placeholder={kind === 'duration' ? 'e.g. 90s, 15m, 2h' : undefined} onChange={(e) => onChange(path, e.target.value)} />;
  }
  return (
    <div className={`settings-field settings-field-${kind}${invalid ? ' settings-field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="settings-field-input">
        {input}
        <Help id={id} node={node} guardedWhy={guardedWhy} />
        <FieldErrors id={id} messages={messages} />
      </div>
    </div>
  );
}
