/** @jsxRuntime automatic */
import { useState } from 'react';
import type { SettingsPatch } from '../../../shared/config/settingsSchema';
import type { HttpCheckSuggestion } from '../../../shared/types/http';
import type { StatusSnapshot } from '../../../shared/types/status';
import { HttpCheckTable } from '../components/http/HttpCheckTable';
import { HttpChecksEmpty } from '../components/http/HttpChecksEmpty';
import { HttpSuggestionList } from '../components/http/HttpSuggestionList';
import { SettingsChangeDialog } from '../components/settings/SettingsChangeDialog';
import { ErrorState, LoadingState } from '../components/StateViews';
import { formatRelativeTime } from '../format';
import { useApiCall, type ApiCallState } from '../hooks/useApiCall';

/** HTTP health checks: each check's state, latency history, what a failing one answered; suggestions to add. */
export function HttpChecksPage({ status }: { status: ApiCallState<StatusSnapshot>; navigate: (route: string) => void }) {
  const settings = useApiCall('settings.get', {});
  const suggestions = useApiCall('http.suggestions', {});
  const [patch, setPatch] = useState<SettingsPatch | null>(null);
  const http = status.data?.http;

  if (!http) {
    if (status.error) return <ErrorState title="Could not load the health checks" error={status.error} onRetry={status.reload} />;
    return <LoadingState what="health checks" />;
  }

  // The stored list plus the new check, through the guarded change (propose → confirm).
  const add = (s: HttpCheckSuggestion) => {
    const current = settings.data?.settings.http.checks ?? [];
    setPatch({ http: { checks: [...current, { name: s.name, url: s.url, expectStatus: s.expectStatus }] } } as SettingsPatch);
  };
  const down = http.checks.filter((c) => c.down).length;
  return (
    <div className="http-page">
      {http.checks.length === 0 ? (
        <HttpChecksEmpty configPath={settings.data?.configPath ?? null} turnedOff={settings.data?.settings.http.enabled === false} />
      ) : (
        <section className="panel">
          <div className="panel-head">
            <h2>Health checks</h2>
            <span className="muted">
              {http.checks.length - down} of {http.checks.length} up · updated {formatRelativeTime(http.at)}
            </span>
          </div>
          <HttpCheckTable checks={http.checks} />
        </section>
      )}
      <section className="panel">
        <div className="panel-head">
          <h2>Suggested checks</h2>
          <button type="button" onClick={suggestions.reload} disabled={suggestions.loading}>
            Look again
          </button>
        </div>
        <HttpSuggestionList suggestions={suggestions.data} error={suggestions.error} loading={suggestions.loading} onAdd={add} />
      </section>
      {patch ? (
        <SettingsChangeDialog
          patch={patch}
          onApplied={() => {
            setPatch(null);
            settings.reload();
            suggestions.reload();
            status.reload();
          }}
          onClosed={() => setPatch(null)}
        />
      ) : null}
    </div>
  );
}
