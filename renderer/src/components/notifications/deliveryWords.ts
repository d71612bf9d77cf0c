import type { ChannelView, DeliveryView } from '../../../../shared/types/notifications';
import { formatClockShort, formatRelativeTime } from '../../format';

function statusWords(delivery: DeliveryView): string {
  return delivery.status !== null ? ` (HTTP ${delivery.status})` : '';
}

/** "delivered 2 min ago (HTTP 200)", "failing: connection refused — retrying at 14:03", "nothing sent yet". */
export function deliveryWords(channel: Pick<ChannelView, 'lastDelivery' | 'retryAt'>, now: number): string {
  const last = channel.lastDelivery;
  if (!last) return 'nothing sent yet';
  if (last.ok) return `delivered ${formatRelativeTime(last.at, now)}${statusWords(last)}`;
  const why = last.error ?? (last.status !== null ? `HTTP ${last.status}` : 'not delivered');
  if (channel.retryAt !== null) return `failing: ${why} — retrying at ${formatClockShort(channel.retryAt, now)}`;
  return `failed ${formatRelativeTime(last.at, now)}: ${why}`;
}

/** A test's result, inline beside its button. */
export function testWords(delivery: DeliveryView): string {
  if (delivery.ok) return `Test delivered${statusWords(delivery)}.`;
  return `Test failed: ${delivery.error ?? (delivery.status !== null ? `HTTP ${delivery.status}` : 'not delivered')}.`;
}
