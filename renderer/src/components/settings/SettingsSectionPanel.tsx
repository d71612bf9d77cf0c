/** @jsxRuntime automatic */
import { useMemo, useState, type FormEvent } from 'react';
import type { SettingsSchemaView } from '../../../../shared/api/contract/settings';
import type { ConfigProblem, SettingsPatch, SettingsView } from '../../../../shared/config/settingsSchema';
import { useClient } from '../../hooks/opsbarContext';
import { draftsOf, fieldsOf, pathsOf, sectionPatch } from './sectionDrafts';
import { fieldErrorsOf, fieldFor, type FieldError } from './settingsErrors';
import { SettingsField } from './SettingsField';
import type { Draft, JsonSchemaNode } from './settingsFieldModel';

export interface SettingsSectionPanelProps {
  section: SettingsSchemaView['sections'][number];
  values: Record<string, unknown>;
  guarded: Record<string, string>;
  /** Fields edited elsewhere on the page (`section.field`). */
  skip: ReadonlySet<string>;
  /** The config file's problems in this section. */
  problems: ConfigProblem[];
  open: boolean;
  onToggle(): void;
  onSaved(view: SettingsView): void;
  /** A patch with a guarded field goes through the confirmation dialog. */
  onPropose(patch: SettingsPatch): void;
}

/** Problems grouped by the field that shows them; those of no field are the section's. */
function byField(problems: FieldError[], paths: ReadonlySet<string>): { fields: Record<string, string[]>; rest: string[] } {
  const fields: Record<string, string[]> = {};
  const rest: string[] = [];
  for (const problem of problems) {
    const at = fieldFor(problem.path, paths);
    const suffix = at !== problem.path && problem.path ? ` (${problem.path})` : '';
    if (at) (fields[at] ??= []).push(`${problem.message}${suffix}`);
    else rest.push(problem.path ? `${problem.path}: ${problem.message}` : problem.message);
  }
  return { fields, rest };
}

/** One settings section: a collapsible panel with a form generated from its JSON Schema, saved on its own. */
export function SettingsSectionPanel({ section, values, guarded, skip, problems, open, onToggle, onSaved, onPropose }: SettingsSectionPanelProps) {
  const client = useClient();
  const schema = section.schema as JsonSchemaNode;
  const fields = useMemo(() => fieldsOf(schema, skip, section.id), [schema, skip, section.id]);
  const paths = useMemo(() => pathsOf(section.id, fields), [section.id, fields]);
  const valuesKey = JSON.stringify(values);
  // Keyed by content: another section's save makes new objects with the same values here.
  const initial = useMemo(() => draftsOf(section.id, fields, values), [section.id, fields, valuesKey]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>(initial);
  // Saved (here or elsewhere): the form shows the values in effect.
  const [seenKey, setSeenKey] = useState(valuesKey);
  if (seenKey !== valuesKey) {
    setSeenKey(valuesKey);
    setDrafts(initial);
  }
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fileProblems = problems.map((p) => ({ path: p.path, message: `In the file: ${p.message}` }));
  const shown = byField([...errors, ...fileProblems], paths);
  const headId = `settings-section-${section.id}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setNote(null);
    const { patch, errors: draftErrors } = sectionPatch(section.id, fields, drafts, initial);
    setErrors(draftErrors);
    if (draftErrors.length > 0) return;
    if (Object.keys(patch).length === 0) {
      setNote('Nothing changed.');
      return;
    }
    const full = { [section.id]: patch } as SettingsPatch;
    if (Object.keys(patch).some((name) => guarded[`${section.id}.${name}`] !== undefined)) {
      onPropose(full);
      return;
    }
    setBusy(true);
    try {
      onSaved(await client.call('settings.update', full));
      setNote('Saved.');
    } catch (failure) {
      setErrors(fieldErrorsOf(failure instanceof Error ? failure.message : String(failure)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={`panel settings-section${open ? ' settings-section-open' : ''}`} aria-labelledby={headId}>
      <header className="settings-section-head">
        <h2 className="settings-section-heading">
          <button type="button" id={headId} className="settings-section-toggle" aria-expanded={open} aria-controls={`${headId}-body`} onClick={onToggle}>
            <span className="settings-section-chevron" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            <span className="settings-section-title">{section.title}</span>
            {problems.length > 0 ? ' ' : null}
            {problems.length > 0 ? <span className="settings-section-badge">{problems.length === 1 ? '1 problem' : `${problems.length} problems`}</span> : null}
          </button>
        </h2>
        <span className="settings-section-description muted">{section.description}</span>
      </header>
      {open ? (
        <form id={`${headId}-body`} className="settings-form" aria-label={`${section.title} settings`} onSubmit={(e) => void save(e)} noValidate>
          {fields.map(([name, node]) => (
            <SettingsField
              key={name}
              path={`${section.id}.${name}`}
              name={name}
              node={node}
              drafts={drafts}
              errors={shown.fields}
              guardedWhy={guarded[`${section.id}.${name}`]}
              onChange={(path, draft) => setDrafts((current) => ({ ...current, [path]: draft }))}
            />
          ))}
          {shown.rest.length > 0 ? (
            <ul className="settings-field-errors" role="alert">
              {shown.rest.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          ) : null}
          <div className="settings-form-actions">
            <button type="submit" disabled={busy}>
              {busy ? 'Saving…' : `Save ${section.title}`}
            </button>
            {note ? (
              <span className="muted" role="status">
                {note}
              </span>
            ) : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}
