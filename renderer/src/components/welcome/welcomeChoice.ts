import type { SetupChoice, SetupDetection } from '../../../../shared/types/setup';
import type { NotificationDraft } from './NotificationChoice';

export interface WelcomeDraft {
  monitors: SetupChoice['monitors'];
  notifications: NotificationDraft;
  startAtLogin: boolean;
}

/** What "Skip" and "Start with defaults" write: every monitor on, desktop notifications, no login item. */
export const DEFAULT_CHOICE: SetupChoice = {
  monitors: { docker: true, gpu: true, models: true, http: true },
  notifications: { desktop: true, webhook: null },
  startAtLogin: false,
};

/** Each monitor pre-set on when its thing was found, off when not; start at login off. */
export function initialDraft(detection: SetupDetection): WelcomeDraft {
  return {
    monitors: { docker: detection.docker.found, gpu: detection.gpus.found, models: detection.modelServers.length > 0, http: true },
    notifications: { desktop: true, webhookKind: 'none', webhookUrl: '' },
    startAtLogin: false,
  };
}

/** The draft as the core takes it; a webhook needs its URL (the core checks the URL's kind). */
export function choiceOf(draft: WelcomeDraft, startAtLoginSupported: boolean): { choice: SetupChoice } | { problem: string } {
  const { webhookKind, webhookUrl, desktop } = draft.notifications;
  const url = webhookUrl.trim();
  if (webhookKind !== 'none' && url === '') return { problem: 'Enter the webhook URL, or choose "Nothing else".' };
  return {
    choice: {
      monitors: draft.monitors,
      notifications: { desktop, webhook: webhookKind === 'none' ? null : { kind: webhookKind, url } },
      startAtLogin: startAtLoginSupported && draft.startAtLogin,
    },
  };
}
