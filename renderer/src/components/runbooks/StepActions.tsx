/** @jsxRuntime automatic */
import { useState, type ReactNode } from 'react';
import type { RunDetail, StepCommand, StepTransition } from '../../../../shared/types/runbooks';
import type { RunCommands } from '../../hooks/useRunCommands';

interface StepActionsProps {
  run: RunDetail;
  commands: RunCommands;
  /** Step id → title, to name a goto target. */
  stepTitle: (id: string) => string;
  onOpenRunbook: (id: string) => void;
}

function followLabel(offer: StepTransition, stepTitle: (id: string) => string): string | null {
  switch (offer.kind) {
    case 'goto':
      return `Go to step “${stepTitle(offer.stepId)}”`;
    case 'runbook':
      return `Open runbook ${offer.runbookId}`;
    case 'continue':
    case 'next':
      return 'Continue with the next step';
    default:
      return null;
  }
}

/** The buttons the run's wait allows for the current step, and a note sent with the next command. */
export function StepActions({ run, commands, stepTitle, onOpenRunbook }: StepActionsProps) {
  const [note, setNote] = useState('');
  const { busy } = commands;
  const stepIndex = run.currentStep;

  const send = async (command: StepCommand) => {
    if (await commands.step(stepIndex, command, note)) setNote('');
  };
  const button = (label: string, command: StepCommand, className?: string) => (
    <button type="button" className={className} disabled={busy} onClick={() => void send(command)}>
      {label}
    </button>
  );
  const cancel = (
    <button type="button" className="danger" disabled={busy} onClick={() => void commands.cancel()}>
      Cancel run
    </button>
  );

  let prompt: ReactNode = null;
  let buttons: ReactNode;
  const wait = run.wait;
  if (run.state === 'running') {
    buttons = cancel;
  } else if (run.state !== 'waiting' || !wait) {
    return null;
  } else if (wait.kind === 'next-step') {
    buttons = (
      <>
        {button('Run', 'run', 'primary')}
        {button('Skip', 'skip')}
        {cancel}
      </>
    );
  } else if (wait.kind === 'confirm') {
    prompt = <p className="wait-prompt wait-confirm">⚠ {wait.message || 'This step changes the system. Confirm before it runs.'}</p>;
    buttons = (
      <>
        {button('Confirm & run', 'confirm', 'primary')}
        {button('Skip', 'skip')}
        {cancel}
      </>
    );
  } else if (wait.kind === 'manual') {
    prompt = <p className="wait-prompt wait-manual">{wait.instruction}</p>;
    buttons = (
      <>
        {button('Done', 'confirm', 'primary')}
        {button('Skip', 'skip')}
        {cancel}
      </>
    );
  } else {
    const label = followLabel(wait.offer, stepTitle);
    const offer = wait.offer;
    buttons = (
      <>
        {button('Retry', 'retry', 'primary')}
        {button('Skip', 'skip')}
        {label && (
          <button
            type="button"
            disabled={busy}
            onClick={async () => {
              const accepted = await commands.step(stepIndex, 'follow-failure', note);
              if (accepted) setNote('');
              if (accepted && offer.kind === 'runbook') onOpenRunbook(offer.runbookId);
            }}
          >
            {label}
          </button>
        )}
        {cancel}
      </>
    );
    prompt = <p className="wait-prompt wait-failure">This step failed. Retry it, skip it{label ? ', follow its failure path' : ''} or cancel the run.</p>;
  }

  return (
    <div className="step-actions">
      {prompt}
      {run.state === 'waiting' && (
        <label className="note-field">
          <span>Note (saved with the next command)</span>
          <textarea value={note} maxLength={2000} rows={1} onChange={(e) => setNote(e.target.value)} />
        </label>
      )}
      <div className="step-buttons">{buttons}</div>
      {commands.error && (
        <p className="command-error" role="alert">
          {commands.error.message}
        </p>
      )}
    </div>
  );
}
