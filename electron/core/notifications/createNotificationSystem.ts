import type { LiveMessage } from '../../../shared/api/live';
import type { Settings } from '../../../shared/config/settingsSchema';
import type { AlertTransition, Silence } from '../../../shared/types/alerts';
import type { OpsEvent } from '../../../shared/types/events';
import type { ChannelView, NotificationMessage } from '../../../shared/types/notifications';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { AuditEntry } from '../store/auditLog';
import type { NotificationLog } from '../store/notificationLog';
import { NotFoundError } from '../api/dispatcher';
import { ChannelDeliveries } from './channelDeliveries';
import { batchMessages, runbookMessage, testMessage, type MessageContext } from './notificationMessages';
import { channelsFor, configuredChannels, type ConfiguredChannel } from './notificationChannels';
import { decideRepeats, decideRunbookEvent, decideTransitions, type PolicyContext, type PolicyMemory } from './notificationPolicy';
import type { DesktopNotifier, NotificationSystem } from './notificationSystem';
import { localMinuteOfDay } from './quietHours';

export interface NotificationSystemDeps {
  settings(): Settings;
  clock: Clock;
  log: Logger;
  /** A getter: the store may move from memory to the file. */
  store(): NotificationLog;
  publish(message: LiveMessage): void;
  audit(entry: AuditEntry): void;
  /** An open maintenance window that silences (runbooks.maintenanceWindow). */
  maintenanceActive(): boolean;
  silenceFor(kind: string, subject: string): Silence | null;
  incidentOf(alertKey: string): { id: number; acknowledged: boolean } | null;
  /** Each notification sent, for the incident's timeline. */
  onSent(message: NotificationMessage): void;
  /** The host's name in messages (os.hostname()). */
  hostname: string;
  /** `cli`: nothing is sent by itself (only `test`). */
  role: 'app' | 'cli';
  /** Where `urlEnv` is read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Minutes since local midnight, for quiet hours (tests pin it). */
  minuteOfDay?(now: number): number;
  newId?(): string;
  /** A webhook's answer deadline (default 10 s), on `clock`. */
  deliveryTimeoutMs?: number;
}

const NOTIFIED_REASONS = new Set(['firing', 'escalated', 'repeat']);

/** The core's notification system: the policy (notificationPolicy.ts) feeding every channel. */
export function createNotificationSystem(deps: NotificationSystemDeps): NotificationSystem {
  const memory: PolicyMemory = new Map();
  let desktop: DesktopNotifier | null = null;
  const channelEnv = { clock: deps.clock, env: deps.env ?? process.env, desktop: () => desktop, timeoutMs: deps.deliveryTimeoutMs };
  const channels = (): ConfiguredChannel[] => configuredChannels(deps.settings().notifications, channelEnv);
  const deliveries = new ChannelDeliveries({ clock: deps.clock, log: deps.log, store: deps.store, resolve: (id) => channels().find((c) => c.id === id) ?? null });

  const policyContext = (): PolicyContext => ({
    settings: deps.settings().notifications,
    now: deps.clock.now(),
    silenceFor: deps.silenceFor,
    maintenanceActive: deps.maintenanceActive,
    minuteOfDay: deps.minuteOfDay ?? localMinuteOfDay,
    acknowledged: (key) => deps.incidentOf(key)?.acknowledged ?? false,
    notifiedBefore: (key) => {
      try {
        return NOTIFIED_REASONS.has(deps.store().lastReasonFor(key) ?? '');
      } catch {
        return false;
      }
    },
  });
  const messageContext = (): MessageContext => ({
    now: deps.clock.now(),
    host: deps.hostname,
    incidentOf: (key) => deps.incidentOf(key)?.id ?? null,
    newId: deps.newId,
  });

  const auditSent = (message: NotificationMessage, targets: readonly ConfiguredChannel[], actor: string, outcome: AuditEntry['outcome'] = 'succeeded', error?: string | null): void =>
    deps.audit({
      at: deps.clock.now(),
      actor,
      action: 'notification.sent',
      target: targets.map((c) => c.id).join(', ') || '(no channel)',
      outcome,
      details: { id: message.id, reason: message.reason, severity: message.severity, title: message.title, alertKey: message.alertKey, incidentId: message.incidentId, ...(error ? { error } : {}) },
    });

  /** Records, tells the incident and publishes one message (the audit row: the caller). */
  const announce = (message: NotificationMessage): void => {
    try {
      deps.store().add(message);
    } catch (error) {
      deps.log.warn(`notification not saved (${(error as Error).message}): ${message.title}`);
    }
    deps.onSent(message);
    deps.publish({ type: 'notification', notification: message });
  };

  const send = (messages: readonly NotificationMessage[]): void => {
    const all = channels();
    for (const message of messages) {
      const targets = channelsFor(message, all);
      announce(message);
      auditSent(message, targets, 'opsbar');
      for (const channel of targets) void deliveries.deliver(channel, message);
    }
  };

  const guarded = (what: string, fn: () => void): void => {
    if (deps.role === 'cli') return;
    try {
      fn();
    } catch (error) {
      deps.log.warn(`notifications: ${what} failed: ${(error as Error).message}`);
    }
  };

  return {
    onTransitions(transitions: AlertTransition[]) {
      guarded('deciding on alert changes', () => send(batchMessages(decideTransitions(transitions, memory, policyContext()), messageContext())));
    },
    onEvent(event: OpsEvent) {
      guarded('a runbook notice', () => {
        const severity = decideRunbookEvent(event, policyContext());
        if (severity) send([runbookMessage(event, severity, messageContext())]);
      });
    },
    tick() {
      guarded('repeats', () => send(batchMessages(decideRepeats(memory, policyContext()), messageContext())));
    },
    channels(): ChannelView[] {
      return channels().map((c) => ({
        id: c.id,
        kind: c.kind,
        name: c.name,
        enabled: c.enabled,
        target: c.target,
        minSeverity: c.minSeverity,
        lastDelivery: deps.store().lastDelivery(c.id),
        retryAt: deliveries.retryAt(c.id),
      }));
    },
    async test(channelId, actor) {
      const channel = channels().find((c) => c.id === channelId);
      if (!channel) throw new NotFoundError(`No notification channel "${channelId.slice(0, 200)}": use desktop or webhook:<name> of notifications.webhooks in the config.`);
      const message = testMessage(channelId, actor, messageContext());
      announce(message);
      const delivery = await deliveries.deliver(channel, message, false);
      // The operator asked for this one: its row says how the delivery went.
      auditSent(message, [channel], actor, delivery.ok ? 'succeeded' : 'failed', delivery.error);
      return { channel: channelId, delivery };
    },
    recent: (limit) => deps.store().recent(limit),
    setDesktop(notifier) {
      desktop = notifier;
    },
    stop: () => deliveries.stop(),
  };
}
