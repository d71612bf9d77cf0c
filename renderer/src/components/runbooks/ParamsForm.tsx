/** @jsxRuntime automatic */
import { useState } from 'react';
import type { RunbookParam, RunMode } from '../../../../shared/types/runbooks';
import { ParamField } from './ParamField';

export function initialValues(params: RunbookParam[]): Record<string, string> {
  return Object.fromEntries(params.map((p) => [p.name, p.default ?? (p.type === 'boolean' ? 'false' : '')]));
}

/** What is sent: every value given, and declared defaults (even empty ones); blanks without a default are left to the core's rules. */
export function paramsToSend(params: RunbookParam[], values: Record<string, string>): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const p of params) {
    const value = values[p.name] ?? '';
    if (value !== '' || p.default !== undefined) sent[p.name] = value;
  }
  return sent;
}

interface ParamsFormProps {
  params: RunbookParam[];
  busy: boolean;
  onStart: (params: Record<string, string>, mode: RunMode) => void;
}

/** The runbook's declared params and the two ways to start it. */
export function ParamsForm({ params, busy, onStart }: ParamsFormProps) {
  const [values, setValues] = useState(() => initialValues(params));
  const start = (mode: RunMode) => onStart(paramsToSend(params, values), mode);
  return (
    <form
      className="params-form"
      aria-label="Start a run"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        start('guided');
      }}
    >
      {params.length > 0 && (
        <fieldset>
          <legend>Parameters</legend>
          {params.map((p) => (
            <ParamField key={p.name} param={p} value={values[p.name] ?? ''} onChange={(v) => setValues((current) => ({ ...current, [p.name]: v }))} />
          ))}
        </fieldset>
      )}
      <div className="start-buttons">
        <button type="submit" className="primary" disabled={busy}>
          Start guided run
        </button>
        <button type="button" disabled={busy} onClick={() => start('auto')} title="Runs every step without waiting; stops at a failure or a step that needs an operator">
          Run all
        </button>
      </div>
    </form>
  );
}
