/** @jsxRuntime automatic */
import { useState } from 'react';
import type { IncidentDetail } from '../../../../shared/types/incidents';
import { useClient } from '../../hooks/opsbarContext';

type Busy = null | 'ack' | 'note' | 'resolve';

/**
 * Acknowledge, add a note, resolve (asked to confirm first). Each button is disabled while its
 * call runs; a refused call shows the core's message (the error envelope's), the incident stays as it was.
 */
export function IncidentActions({ incident, onChanged }: { incident: IncidentDetail; onChanged: (next: IncidentDetail) => void }) {
  const client = useClient();
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const open = incident.state === 'open';

  const run = async (what: Exclude<Busy, null>, call: () => Promise<IncidentDetail>, after?: () => void) => {
    setBusy(what);
    setError(null);
    try {
      onChanged(await call());
      after?.();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="incident-actions">
      <div className="incident-buttons">
        <button type="button" disabled={!open || incident.acknowledgedAt !== null || busy !== null} onClick={() => void run('ack', () => client.call('incidents.ack', { id: incident.id }))}>
          {busy === 'ack' ? 'Acknowledging…' : incident.acknowledgedAt !== null ? 'Acknowledged' : 'Acknowledge'}
        </button>
        {!confirming ? (
          <button type="button" disabled={!open || busy !== null} onClick={() => setConfirming(true)}>
            Resolve…
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="incident-confirm" role="group" aria-label="Confirm resolve">
          <p>Resolve this incident now? Alerts still firing stay firing; if one fires again, a new incident opens.</p>
          <button type="button" disabled={busy !== null} onClick={() => void run('resolve', () => client.call('incidents.resolve', { id: incident.id }), () => setConfirming(false))}>
            {busy === 'resolve' ? 'Resolving…' : 'Resolve incident'}
          </button>
          <button type="button" disabled={busy === 'resolve'} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : null}
      <form
        className="incident-note"
        onSubmit={(event) => {
          event.preventDefault();
          const text = note.trim();
          if (text) void run('note', () => client.call('incidents.note', { id: incident.id, text }), () => setNote(''));
        }}
      >
        <label htmlFor={`incident-note-${incident.id}`}>Note</label>
        <textarea id={`incident-note-${incident.id}`} value={note} rows={2} maxLength={4000} onChange={(event) => setNote(event.target.value)} />
        <button type="submit" disabled={note.trim() === '' || busy !== null}>
          {busy === 'note' ? 'Adding…' : 'Add note'}
        </button>
      </form>
      {error ? (
        <p role="alert" className="incident-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
