/** @jsxRuntime automatic */
import { useState } from 'react';
import type { DiagnosticsBundle } from '../../../../shared/types/diagnostics';
import { useClient } from '../../hooks/opsbarContext';

/** `opsbar-diagnostics-<host>-<YYYY-MM-DD>.json`; the host only from what the status says, made file-name safe. */
export function diagnosticsFileName(bundle: DiagnosticsBundle): string {
  const status = bundle.status as { system?: { hostname?: unknown } } | null;
  const raw = typeof status?.system?.hostname === 'string' ? status.system.hostname : 'host';
  const host = raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 64) || 'host';
  const date = new Date(bundle.createdAt).toISOString().slice(0, 10);
  return `opsbar-diagnostics-${host}-${date}.json`;
}

/** Saves the bundle through a Blob link: nothing leaves the page but the file the user keeps. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the object URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Download diagnostics": what to attach to a bug report, secrets removed by the core. */
export function DiagnosticsButton() {
  const client = useClient();
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: string | null }>({ busy: false, error: null, saved: null });
  const run = async () => {
    setState({ busy: true, error: null, saved: null });
    try {
      const bundle = await client.call('diagnostics.bundle', {});
      const name = diagnosticsFileName(bundle);
      download(name, `${JSON.stringify(bundle, null, 2)}\n`);
      setState({ busy: false, error: null, saved: name });
    } catch (failure) {
      setState({ busy: false, error: failure instanceof Error ? failure.message : String(failure), saved: null });
    }
  };
  return (
    <div className="settings-diagnostics">
      <button type="button" onClick={() => void run()} disabled={state.busy}>
        {state.busy ? 'Collecting…' : 'Download diagnostics'}
      </button>
      <span className="muted">Versions, settings without secrets, the last status, recent events and errors, the store&apos;s health: what to attach to a bug report. Look it over first.</span>
      {state.saved ? (
        <p role="status" className="settings-diagnostics-saved">
          Saved {state.saved}.
        </p>
      ) : null}
      {state.error ? (
        <p role="alert" className="settings-field-errors">
          Could not collect diagnostics: {state.error}
        </p>
      ) : null}
    </div>
  );
}
