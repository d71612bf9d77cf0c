/** @jsxRuntime automatic */
import { useId, useState } from 'react';
import type { SetupChoice, SetupDetection } from '../../../shared/types/setup';
import { FindingCard } from '../components/welcome/FindingCard';
import { dockerSentence, disksSentence, gpuSentence, modelServersSentence } from '../../../shared/setup/findingSentences';
import { NotificationChoice } from '../components/welcome/NotificationChoice';
import { useDetectAgain } from '../components/welcome/useSetupDetection';
import { choiceOf, DEFAULT_CHOICE, initialDraft, type WelcomeDraft } from '../components/welcome/welcomeChoice';
import { useClient } from '../hooks/opsbarContext';

/**
 * The first start: what Opsbar found on this host, a switch per monitor (on where something
 * was found), where notifications go, start at login; "Start monitoring" writes the config.
 */
export function WelcomePage({ detection: initial, onDone }: { detection: SetupDetection; onDone(): void }) {
  const client = useClient();
  const { detection, loading, error: detectError, again } = useDetectAgain(initial);
  const [draft, setDraft] = useState<WelcomeDraft>(() => initialDraft(initial));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const loginId = useId();
  const monitor = (key: keyof WelcomeDraft['monitors']) => ({
    checked: draft.monitors[key],
    onChange: (checked: boolean) => setDraft((d) => ({ ...d, monitors: { ...d.monitors, [key]: checked } })),
  });

  const apply = (choice: SetupChoice) => {
    setSaving(true);
    setProblem(null);
    client.call('setup.apply', choice).then(
      () => onDone(),
      (reason: unknown) => {
        setSaving(false);
        setProblem(reason instanceof Error ? reason.message : String(reason));
      },
    );
  };
  const start = () => {
    const built = choiceOf(draft, detection.startAtLoginSupported);
    if ('problem' in built) setProblem(built.problem);
    else apply(built.choice);
  };

  return (
    <main className="welcome" aria-label="Welcome">
      <header className="welcome-head">
        <h1>Welcome to Opsbar</h1>
        <p>
          This is the first start on this host. Here is what Opsbar found; choose what to watch. Starting writes <code>{detection.configPath}</code>, and the
          Settings page changes it later.
        </p>
      </header>
      {loading && (
        <p className="state state-loading" role="status">
          Looking at this host again…
        </p>
      )}
      {detectError && (
        <div className="state state-error" role="alert">
          <strong>Opsbar could not look at this host</strong>
          <p>{detectError.message}</p>
          <p>You can still start with the defaults (every monitor on, desktop notifications) and adjust them on the Settings page.</p>
          <button type="button" className="primary" disabled={saving} onClick={() => apply(DEFAULT_CHOICE)}>
            Start with defaults
          </button>
        </div>
      )}
      <div className="welcome-findings">
        <FindingCard
          title="Docker"
          found={detection.docker.found}
          sentence={dockerSentence(detection.docker)}
          detail={detection.docker.found ? detection.docker.detail : null}
          toggle={{ label: 'Watch Docker containers', ...monitor('docker') }}
        />
        <FindingCard title="GPUs" found={detection.gpus.found} sentence={gpuSentence(detection.gpus)} detail={detection.gpus.found ? detection.gpus.detail : null} toggle={{ label: 'Watch GPUs', ...monitor('gpu') }} />
        <FindingCard
          title="Model servers"
          found={detection.modelServers.length > 0}
          sentence={modelServersSentence(detection.modelServers)}
          detail={detection.modelServers.length === 0 ? 'Switched on, Opsbar keeps looking for Ollama, llama.cpp, LM Studio, vLLM and mlx-lm on their usual ports.' : null}
          toggle={{ label: 'Watch model servers', ...monitor('models') }}
        />
        <FindingCard title="Disks" found={detection.disks.length > 0} sentence={disksSentence(detection.disks)} detail="Free space is always watched." />
        <FindingCard
          title="HTTP checks"
          found={false}
          sentence="HTTP checks: none yet"
          detail="Add URLs to check (a web UI, an API) on the HTTP checks page."
          toggle={{ label: 'Run HTTP checks', ...monitor('http') }}
        />
        <NotificationChoice draft={draft.notifications} onChange={(notifications) => setDraft((d) => ({ ...d, notifications }))} />
      </div>
      {detection.startAtLoginSupported && (
        <label className="welcome-toggle welcome-login" htmlFor={loginId}>
          <input id={loginId} type="checkbox" checked={draft.startAtLogin} onChange={(e) => setDraft((d) => ({ ...d, startAtLogin: e.target.checked }))} />
          Start Opsbar when I log in
        </label>
      )}
      {problem && (
        <p className="welcome-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="welcome-actions">
        <button type="button" className="primary" disabled={saving} onClick={start}>
          {saving ? 'Starting…' : 'Start monitoring'}
        </button>
        <button type="button" disabled={saving || loading} onClick={again}>
          Look again
        </button>
        <button type="button" className="link-button" disabled={saving} onClick={() => apply(DEFAULT_CHOICE)}>
          Skip (use the defaults)
        </button>
      </div>
    </main>
  );
}
