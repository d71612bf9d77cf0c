/** @jsxRuntime automatic */
import type { RunbookParam } from '../../../../shared/types/runbooks';

/** A hint for the operator before sending; the core validates for real when the run starts. */
export function paramHint(param: RunbookParam, value: string): string | null {
  if (value === '') return param.required ? 'required' : null;
  if (param.type === 'number' && !/^-?\d+(\.\d+)?$/.test(value.trim())) return 'a number';
  if (param.type === 'string' && param.pattern) {
    try {
      if (!new RegExp(`^(?:${param.pattern})$`).test(value)) return `must match ${param.pattern}`;
    } catch {
      return null;
    }
  }
  return null;
}

interface ParamFieldProps {
  param: RunbookParam;
  value: string;
  onChange: (value: string) => void;
}

/** One declared param as the fitting control: select, checkbox or text input. */
export function ParamField({ param, value, onChange }: ParamFieldProps) {
  const id = `param-${param.name}`;
  const hint = paramHint(param, value);
  const describedBy = `${id}-help`;
  let control;
  if (param.type === 'enum') {
    control = (
      <select id={id} value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
        {(!param.required || value === '') && param.default === undefined && <option value="">(none)</option>}
        {(param.values ?? []).map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  } else if (param.type === 'boolean') {
    control = <input id={id} type="checkbox" checked={value === 'true'} aria-describedby={describedBy} onChange={(e) => onChange(e.target.checked ? 'true' : 'false')} />;
  } else {
    control = (
      <input
        id={id}
        type="text"
        inputMode={param.type === 'number' ? 'decimal' : undefined}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={hint !== null && value !== '' ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={`param param-${param.type}`}>
      <label htmlFor={id}>
        <code>{param.name}</code>
        {param.required && <span className="required"> (required)</span>}
      </label>
      {control}
      <span id={describedBy} className="param-help muted">
        {param.description}
        {param.type === 'string' && param.pattern ? ` · pattern ${param.pattern}` : ''}
        {hint && <span className="param-hint"> · {hint}</span>}
      </span>
    </div>
  );
}
