import { z } from 'zod';
import type { ChannelTestResult, ChannelView, NotificationMessage } from '../../types/notifications';
import { method, noPayload } from './method';

export const notificationMethods = {
  /** Every channel with its redacted target and last delivery. */
  'notifications.channels': method<ChannelView[]>()(noPayload),
  /** Sends a test notification through one channel now and answers how the delivery went. */
  'notifications.test': method<ChannelTestResult>()(z.object({ channel: z.string().min(1).max(200) }).strict()),
  /** The notifications sent most recently, newest first. */
  'notifications.recent': method<NotificationMessage[]>()(z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict()),
} as const;
