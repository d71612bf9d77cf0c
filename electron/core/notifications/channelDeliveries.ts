import type { DeliveryView, NotificationMessage } from '../../../shared/types/notifications';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { NotificationLog } from '../store/notificationLog';
import type { PostOutcome } from './webhookPost';

/** After the first attempt fails: retries after these waits, then it is given up. */
export const RETRY_BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000] as const;

/** Something that can deliver a message now (a webhook POST, the desktop notifier). */
export interface DeliveryChannel {
  id: string;
  send(message: NotificationMessage): Promise<PostOutcome>;
}

interface Retry {
  message: NotificationMessage;
  attempt: number;
  at: number;
  timer: { cancel(): void };
}

export interface ChannelDeliveriesDeps {
  clock: Clock;
  log: Logger;
  store(): NotificationLog;
  /** The channel as configured now (a retry after a settings change uses the new URL; gone: dropped). */
  resolve(channelId: string): DeliveryChannel | null;
}

function wait(ms: number): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

/**
 * Each message's delivery to each channel, and the retries of a failing one with backoff
 * (30 s, 2 min, 10 min, 30 min, then given up, said so). Every attempt is recorded. A failure
 * run is logged once, when it starts, and its end when the channel delivers again.
 */
export class ChannelDeliveries {
  private readonly retries = new Map<string, Map<string, Retry>>();
  private readonly failing = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly deps: ChannelDeliveriesDeps) {}

  /** The first attempt; a failure is retried later unless `retry` is false (a test message answers now). */
  deliver(channel: DeliveryChannel, message: NotificationMessage, retry = true): Promise<DeliveryView> {
    return this.track(this.attempt(channel, message, 1, retry));
  }

  /** The next retry of a failing channel, or null. */
  retryAt(channelId: string): number | null {
    const pending = [...(this.retries.get(channelId)?.values() ?? [])].map((r) => r.at);
    return pending.length > 0 ? Math.min(...pending) : null;
  }

  /** Cancels the retries and waits for the deliveries in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const byMessage of this.retries.values()) for (const r of byMessage.values()) r.timer.cancel();
    this.retries.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  private async attempt(channel: DeliveryChannel, message: NotificationMessage, attempt: number, retry: boolean): Promise<DeliveryView> {
    let outcome: PostOutcome;
    try {
      outcome = await channel.send(message);
    } catch (error) {
      outcome = { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
    }
    const delivery = this.record(channel.id, message, attempt, outcome);
    if (outcome.ok) {
      if (this.failing.delete(channel.id)) this.deps.log.info(`${channel.id} delivers again (notification ${message.id}, attempt ${attempt}).`);
      return delivery;
    }
    const backoff = RETRY_BACKOFF_MS[attempt - 1];
    const again = retry && !this.stopped && backoff !== undefined;
    if (!this.failing.has(channel.id)) {
      this.failing.add(channel.id);
      this.deps.log.warn(`${channel.id} failed: ${outcome.error}; ${again ? `retrying in ${wait(backoff)}` : 'not retried'}.`);
    }
    if (again) this.schedule(channel.id, message, attempt + 1, backoff);
    else if (retry) this.deps.log.warn(`${channel.id}: gave up on notification "${message.title}" after ${attempt} attempts (last: ${outcome.error}).`);
    return delivery;
  }

  private schedule(channelId: string, message: NotificationMessage, attempt: number, delayMs: number): void {
    const byMessage = this.retries.get(channelId) ?? new Map<string, Retry>();
    this.retries.set(channelId, byMessage);
    const timer = this.deps.clock.setTimeout(() => {
      byMessage.delete(message.id);
      if (byMessage.size === 0) this.retries.delete(channelId);
      const channel = this.deps.resolve(channelId);
      if (!channel || this.stopped) return;
      void this.track(this.attempt(channel, message, attempt, true));
    }, delayMs);
    byMessage.set(message.id, { message, attempt, at: this.deps.clock.now() + delayMs, timer });
  }

  private record(channelId: string, message: NotificationMessage, attempt: number, outcome: PostOutcome): DeliveryView {
    const at = this.deps.clock.now();
    const entry = { notificationId: message.id, channel: channelId, at, ok: outcome.ok, status: outcome.status, error: outcome.error, attempt };
    try {
      return this.deps.store().addDelivery(entry);
    } catch (error) {
      this.deps.log.warn(`delivery not saved (${(error as Error).message}): ${channelId} ${message.id}`);
      return { at, notificationId: message.id, reason: message.reason, ok: outcome.ok, status: outcome.status, error: outcome.error, attempt };
    }
  }
}
