import type { AlertTransition } from '../../../shared/types/alerts';
import type { OpsEvent } from '../../../shared/types/events';
import type { ChannelTestResult, ChannelView, NotificationMessage } from '../../../shared/types/notifications';

/** Shows a notification on the desktop (the Electron shell's `Notification`); false when it could not. */
export type DesktopNotifier = (message: NotificationMessage) => boolean;

/**
 * The one notification policy (firing, escalation, recovery, flapping, hourly repeats of an
 * unacknowledged critical; silences, maintenance windows and quiet hours hold back all but
 * critical and emergency) and its channels: desktop, generic JSON, ntfy and Slack webhooks,
 * retried with backoff (electron/core/notifications/).
 */
export interface NotificationSystem {
  onTransitions(transitions: AlertTransition[]): void;
  /** Runbook news (a scheduled run failed, waits, was missed). */
  onEvent(event: OpsEvent): void;
  /** Repeats and retries due on the clock. */
  tick(): void;
  channels(): ChannelView[];
  test(channelId: string, actor: string): Promise<ChannelTestResult>;
  recent(limit: number): NotificationMessage[];
  /** The app registers its desktop notifier; without one (headless) the dashboard shows them from the live stream. */
  setDesktop(notifier: DesktopNotifier | null): void;
  /** Waits for deliveries in flight (bounded). */
  stop(): Promise<void>;
}
