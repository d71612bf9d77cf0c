/** @jsxRuntime automatic */
import { useState } from 'react';
import { formatDuration, parseDuration } from '../../../../shared/format/duration';
import type { Settings, SettingsView } from '../../../../shared/config/settingsSchema';
import { ALERT_SEVERITIES, type AlertSeverity } from '../../../../shared/types/alerts';
import { useClient } from '../../hooks/opsbarContext';

/** When to notify: desktop on/off, minimum severity, recovery, how often an unacknowledged critical repeats, quiet hours. Saved with `settings.update`. */
export function NotificationPolicyForm({ settings, onSaved }: { settings: Settings; onSaved: (view: SettingsView) => void }) {
  const client = useClient();
  const current = settings.notifications;
  const [desktop, setDesktop] = useState(current.desktop);
  const [minSeverity, setMinSeverity] = useState<AlertSeverity>(current.minSeverity);
  const [recovery, setRecovery] = useState(current.recovery);
  // Settings hold ms; the config is written as a duration string ("1h"), never a bare number (seconds there).
  const [repeat, setRepeat] = useState(formatDuration(current.repeatCritical));
  const [quiet, setQuiet] = useState(current.quietHours);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async () => {
    const repeatMs = repeat.trim() === '0' ? 0 : parseDuration(repeat);
    if (repeatMs === null) {
      setMessage({ ok: false, text: `Repeat: "${repeat}" is not a duration. Write e.g. 30m, 1h or 0 for never.` });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const view = await client.call('settings.update', {
        notifications: { desktop, minSeverity, recovery, repeatCritical: formatDuration(repeatMs), quietHours: quiet },
      });
      setMessage({ ok: true, text: 'Saved.' });
      onSaved(view);
    } catch (failure) {
      setMessage({ ok: false, text: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="notification-policy"
      aria-label="Notification policy"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label>
        <input type="checkbox" checked={desktop} onChange={(e) => setDesktop(e.target.checked)} /> Desktop notifications (the app; the browser while the dashboard is open)
      </label>
      <label>
        Notify at{' '}
        <select value={minSeverity} onChange={(e) => setMinSeverity(e.target.value as AlertSeverity)}>
          {ALERT_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>{' '}
        or worse
      </label>
      <label>
        <input type="checkbox" checked={recovery} onChange={(e) => setRecovery(e.target.checked)} /> Notify on recovery
      </label>
      <label>
        Repeat an unacknowledged critical every <input type="text" size={6} value={repeat} onChange={(e) => setRepeat(e.target.value)} aria-describedby="repeat-help" />
        <span id="repeat-help" className="muted">
          {' '}
          e.g. 1h, 30m; 0 never
        </span>
      </label>
      <fieldset className="quiet-hours">
        <legend>Quiet hours (only critical and emergency notify)</legend>
        <label>
          <input type="checkbox" checked={quiet.enabled} onChange={(e) => setQuiet({ ...quiet, enabled: e.target.checked })} /> On
        </label>
        <label>
          from <input type="time" value={quiet.start} onChange={(e) => setQuiet({ ...quiet, start: e.target.value })} />
        </label>
        <label>
          to <input type="time" value={quiet.end} onChange={(e) => setQuiet({ ...quiet, end: e.target.value })} />
        </label>
      </fieldset>
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save notification settings'}
      </button>
      {message ? (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'muted' : 'settings-change-error'}>
          {' '}
          {message.text}
        </span>
      ) : null}
    </form>
  );
}
