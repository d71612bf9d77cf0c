/** @jsxRuntime automatic */
import { useEffect, useState } from 'react';
import type { SettingChange, SettingsProposal } from '../../../../shared/api/contract/settings';
import type { SettingsPatch, SettingsView } from '../../../../shared/config/settingsSchema';
import { useClient } from '../../hooks/opsbarContext';

function shown(value: unknown): string {
  if (value === '') return '(empty: autodetect / default)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function ChangeRow({ change }: { change: SettingChange }) {
  return (
    <li className={change.guarded ? 'settings-change settings-change-guarded' : 'settings-change'}>
      <code>{change.path}</code>: <span className="settings-change-from">{shown(change.from)}</span> → <span className="settings-change-to">{shown(change.to)}</span>
      {change.why ? <p className="settings-change-why">{change.why}</p> : null}
    </li>
  );
}

export interface SettingsChangeDialogProps {
  /** What the operator asked to change; the core describes it (propose) before anything applies. */
  patch: SettingsPatch;
  onApplied(view: SettingsView): void;
  onClosed(): void;
}

/**
 * The confirmation step for a settings change: proposes the patch (nothing applies), lists each
 * field from → to with why it matters, and only "Apply change" confirms it. In the Electron app
 * main also asks in a native dialog; over HTTP this is the confirmation.
 */
export function SettingsChangeDialog({ patch, onApplied, onClosed }: SettingsChangeDialogProps) {
  const client = useClient();
  const [proposal, setProposal] = useState<SettingsProposal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    client.call('settings.propose', { patch }).then(
      (answer) => live && setProposal(answer),
      (failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      live = false;
    };
  }, [client, patch]);

  const apply = async () => {
    if (!proposal) return;
    setBusy(true);
    setError(null);
    try {
      onApplied(await client.call('settings.confirm', { changeId: proposal.changeId }));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    // Best effort: an unanswered proposal also expires by itself.
    if (proposal) client.call('settings.cancel', { changeId: proposal.changeId }).catch(() => {});
    onClosed();
  };

  const guarded = proposal?.changes.some((c) => c.guarded) ?? false;
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="settings-change-title" className="settings-change-dialog">
      <h2 id="settings-change-title">{guarded ? 'Change what Opsbar connects to or runs?' : 'Apply these settings?'}</h2>
      {proposal ? (
        <ul className="settings-change-list">
          {proposal.changes.map((change) => (
            <ChangeRow key={change.path} change={change} />
          ))}
        </ul>
      ) : error ? null : (
        <p>Checking the change…</p>
      )}
      {error ? <p role="alert" className="settings-change-error">{error}</p> : null}
      <div className="settings-change-actions">
        <button type="button" onClick={cancel}>
          Cancel
        </button>
        <button type="button" onClick={() => void apply()} disabled={!proposal || busy}>
          {busy ? 'Applying…' : 'Apply change'}
        </button>
      </div>
    </div>
  );
}
