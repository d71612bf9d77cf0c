/** @jsxRuntime automatic */
import { useState } from 'react';
import type { SettingsPatch, SettingsView } from '../../../shared/config/settingsSchema';
import { NotificationSettings } from '../components/notifications/NotificationSettings';
import { GuardedSettingRow, GUARDED_FIELDS } from '../components/settings/GuardedSettingRow';
import { SettingsChangeDialog } from '../components/settings/SettingsChangeDialog';
import { ErrorState, LoadingState, Panel } from '../components/StateViews';
import { useApiCall } from '../hooks/useApiCall';

/**
 * Where Opsbar connects and what it runs, and what is wrong with config.yaml. Each change goes
 * through the confirmation dialog (propose → confirm); the rest of the config is edited in the file.
 */
export function SettingsPage() {
  const settings = useApiCall('settings.get', {});
  const [pending, setPending] = useState<SettingsPatch | null>(null);
  const view = settings.data;
  if (!view) {
    if (settings.error) return <ErrorState title="Could not load the settings" error={settings.error} onRetry={settings.reload} />;
    return <LoadingState what="settings" />;
  }
  const applied = (next: SettingsView) => {
    settings.setData(() => next);
    setPending(null);
  };
  return (
    <div className="settings-page">
      <Panel title="Connections and programs">
        <p className="muted">Changing one of these changes where Opsbar connects or what it executes: you are asked to confirm each change, and it is recorded in the audit log.</p>
        {GUARDED_FIELDS.map((field) => (
          // Keyed by the value too: an applied (or outside) change resets the edit box to it.
          <GuardedSettingRow key={`${field.path}=${field.read(view.settings)}`} field={field} settings={view.settings} onPropose={setPending} />
        ))}
      </Panel>
      <NotificationSettings view={view} onSaved={(next) => settings.setData(() => next)} onPropose={setPending} />
      <Panel title="Config file">
        <p>
          <code className="config-path">{view.configPath}</code>
        </p>
        {view.problems.length === 0 ? (
          <p className="state state-empty">No problems: every setting in the file applies.</p>
        ) : (
          <ul className="config-problems" aria-label="Config problems">
            {view.problems.map((problem, index) => (
              <li key={index}>
                <code>{problem.path}</code> {problem.message}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      {pending ? <SettingsChangeDialog patch={pending} onApplied={applied} onClosed={() => setPending(null)} /> : null}
    </div>
  );
}
