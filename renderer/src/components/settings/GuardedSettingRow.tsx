/** @jsxRuntime automatic */
import { useState } from 'react';
import type { Settings, SettingsPatch } from '../../../../shared/config/settingsSchema';

/** The settings that change where Opsbar connects or what it runs (the core guards the same three). */
export interface GuardedField {
  path: 'docker.endpoint' | 'runbooks.directory' | 'gpu.nvidiaSmiPath';
  label: string;
  placeholder: string;
  read(settings: Settings): string;
  patch(value: string): SettingsPatch;
}

export const GUARDED_FIELDS: readonly GuardedField[] = [
  {
    path: 'docker.endpoint',
    label: 'Docker endpoint',
    placeholder: 'autodetect (DOCKER_HOST, /var/run/docker.sock, Docker Desktop…)',
    read: (s) => s.docker.endpoint,
    patch: (value) => ({ docker: { endpoint: value } }),
  },
  {
    path: 'runbooks.directory',
    label: 'Your runbooks folder',
    placeholder: 'none: the built-in library only',
    read: (s) => s.runbooks.directory,
    patch: (value) => ({ runbooks: { directory: value } }),
  },
  {
    path: 'gpu.nvidiaSmiPath',
    label: 'nvidia-smi',
    placeholder: 'found on PATH, /usr/bin, /usr/local/nvidia/bin, /usr/lib/wsl/lib',
    read: (s) => s.gpu.nvidiaSmiPath,
    patch: (value) => ({ gpu: { nvidiaSmiPath: value } }),
  },
];

/** One guarded field: its current value, an edit box, and "Change…" that asks for confirmation. */
export function GuardedSettingRow({ field, settings, onPropose }: { field: GuardedField; settings: Settings; onPropose(patch: SettingsPatch): void }) {
  const current = field.read(settings);
  const [draft, setDraft] = useState(current);
  const id = `setting-${field.path.replace('.', '-')}`;
  return (
    <form
      className="guarded-setting"
      onSubmit={(event) => {
        event.preventDefault();
        onPropose(field.patch(draft.trim()));
      }}
    >
      <label htmlFor={id}>{field.label}</label>
      <input id={id} type="text" value={draft} placeholder={field.placeholder} spellCheck={false} onChange={(event) => setDraft(event.target.value)} />
      <button type="submit" disabled={draft.trim() === current}>
        Change…
      </button>
    </form>
  );
}
