/** @jsxRuntime automatic */
import { useEffect, useMemo, useState } from 'react';
import type { SettingsPatch, SettingsView } from '../../../shared/config/settingsSchema';
import { NotificationSettings } from '../components/notifications/NotificationSettings';
import { ConfigFilePanel } from '../components/settings/ConfigFilePanel';
import { GuardedSettingRow, GUARDED_FIELDS } from '../components/settings/GuardedSettingRow';
import { pathsOf, fieldsOf } from '../components/settings/sectionDrafts';
import { fieldDomId, fieldFor } from '../components/settings/settingsErrors';
import type { JsonSchemaNode } from '../components/settings/settingsFieldModel';
import { SettingsChangeDialog } from '../components/settings/SettingsChangeDialog';
import { SettingsSectionPanel } from '../components/settings/SettingsSectionPanel';
import { ErrorState, LoadingState, Panel } from '../components/StateViews';
import { useApiCall } from '../hooks/useApiCall';

/** Edited in "Connections and programs" (one confirmation each), not in their sections' forms. */
const CONNECTION_FIELDS: ReadonlySet<string> = new Set(GUARDED_FIELDS.map((f) => f.path));
/** Sections with a page of their own kind (channels with Test buttons, a new webhook). */
const CUSTOM_SECTIONS = new Set(['notifications']);

/**
 * Every config section as a form generated from the core's JSON Schema (the same zod schema that
 * reads the file; the core validates each save), the config file's problems linked to their
 * fields, and the diagnostics bundle. Guarded fields go through the confirmation dialog.
 */
export function SettingsPage() {
  const settings = useApiCall('settings.get', {});
  const schema = useApiCall('settings.schema', {});
  const [pending, setPending] = useState<SettingsPatch | null>(null);
  const [open, setOpen] = useState<Set<string> | null>(null);
  const [focus, setFocus] = useState<string | null>(null);
  const view = settings.data;

  const sectionPaths = useMemo(() => {
    const paths = new Map<string, Set<string>>();
    for (const section of schema.data?.sections ?? []) paths.set(section.id, pathsOf(section.id, fieldsOf(section.schema as JsonSchemaNode, CONNECTION_FIELDS, section.id)));
    return paths;
  }, [schema.data]);

  // Sections with a problem in the file start open.
  const openSections = open ?? new Set((view?.problems ?? []).map((p) => p.path.split('.')[0]));

  useEffect(() => {
    if (!focus) return;
    const element = document.getElementById(fieldDomId(focus));
    element?.scrollIntoView?.({ block: 'center' });
    element?.focus?.();
    setFocus(null);
  }, [focus]);

  if (!view) {
    if (settings.error) return <ErrorState title="Could not load the settings" error={settings.error} onRetry={settings.reload} />;
    return <LoadingState what="settings" />;
  }
  const saved = (next: SettingsView) => settings.setData(() => next);
  const applied = (next: SettingsView) => {
    saved(next);
    setPending(null);
  };
  const toggle = (id: string) => {
    const next = new Set(openSections);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  const fieldOf = (path: string) => {
    if (CONNECTION_FIELDS.has(path)) return path;
    const paths = sectionPaths.get(path.split('.')[0]);
    return paths ? fieldFor(path, paths) : '';
  };
  const showField = (path: string) => {
    const field = fieldOf(path);
    setOpen(new Set([...openSections, path.split('.')[0]]));
    // Connection fields use GuardedSettingRow's own ids.
    setFocus(CONNECTION_FIELDS.has(field) ? null : field);
    if (CONNECTION_FIELDS.has(field)) document.getElementById(`setting-${field.replace('.', '-')}`)?.focus();
  };

  return (
    <div className="settings-page">
      <ConfigFilePanel configPath={view.configPath} problems={view.problems} hasField={(path) => fieldOf(path) !== ''} onShowField={showField} />
      <Panel title="Connections and programs">
        <p className="muted">Changing one of these changes where Opsbar connects or what it executes: you are asked to confirm each change, and it is recorded in the audit log.</p>
        {GUARDED_FIELDS.map((field) => (
          // Keyed by the value too: an applied (or outside) change resets the edit box to it.
          <GuardedSettingRow key={`${field.path}=${field.read(view.settings)}`} field={field} settings={view.settings} onPropose={setPending} />
        ))}
      </Panel>
      {/* Without the schema the forms cannot be drawn; notifications need none. */}
      {!schema.data ? <NotificationSettings view={view} onSaved={saved} onPropose={setPending} /> : null}
      {schema.error ? <ErrorState title="Could not load the settings' schema" error={schema.error} onRetry={schema.reload} /> : null}
      {!schema.data && !schema.error ? <LoadingState what="the settings' forms" /> : null}
      {(schema.data?.sections ?? []).map((section) =>
        CUSTOM_SECTIONS.has(section.id) ? (
          <NotificationSettings key={section.id} view={view} onSaved={saved} onPropose={setPending} />
        ) : (
          <SettingsSectionPanel
            key={section.id}
            section={section}
            values={(view.settings as unknown as Record<string, Record<string, unknown>>)[section.id] ?? {}}
            guarded={schema.data?.guarded ?? {}}
            skip={CONNECTION_FIELDS}
            problems={view.problems.filter((p) => p.path === section.id || p.path.startsWith(`${section.id}.`))}
            open={openSections.has(section.id)}
            onToggle={() => toggle(section.id)}
            onSaved={saved}
            onPropose={setPending}
          />
        ),
      )}
      {pending ? <SettingsChangeDialog patch={pending} onApplied={applied} onClosed={() => setPending(null)} /> : null}
    </div>
  );
}
