/** @jsxRuntime automatic */
import { useApiCall } from '../../hooks/useApiCall';
import { useLiveMessages } from '../../hooks/useLiveMessages';
import { useNow } from '../../hooks/useNow';
import { ErrorState, LoadingState } from '../StateViews';
import { ChannelRow } from './ChannelRow';

/** The channels from `notifications.channels`, with their last deliveries kept fresh as notifications go out. */
export function NotificationChannels() {
  const channels = useApiCall('notifications.channels', {});
  const now = useNow();
  useLiveMessages((message) => {
    if (message.type === 'notification') channels.reload();
  });
  if (!channels.data) {
    if (channels.error) return <ErrorState title="Could not load the notification channels" error={channels.error} onRetry={channels.reload} />;
    return <LoadingState what="notification channels" />;
  }
  if (channels.data.length === 0) return <p className="muted">No channels: desktop notifications are off and no webhook is set.</p>;
  return (
    <table className="channels-table" aria-label="Notification channels">
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">Name</th>
          <th scope="col">Target</th>
          <th scope="col">Severity</th>
          <th scope="col">Enabled</th>
          <th scope="col">Last delivery</th>
          <th scope="col">Test</th>
        </tr>
      </thead>
      <tbody>
        {channels.data.map((channel) => (
          <ChannelRow key={channel.id} channel={channel} now={now} onTested={channels.reload} />
        ))}
      </tbody>
    </table>
  );
}
