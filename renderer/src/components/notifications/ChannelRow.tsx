/** @jsxRuntime automatic */
import { useState } from 'react';
import type { ChannelView } from '../../../../shared/types/notifications';
import { useClient } from '../../hooks/opsbarContext';
import { AlertSeverityBadge } from '../incidents/AlertSeverityBadge';
import { deliveryWords, testWords } from './deliveryWords';

const KIND_WORDS: Record<ChannelView['kind'], string> = { desktop: 'Desktop', json: 'JSON webhook', ntfy: 'ntfy', slack: 'Slack webhook' };

/** One channel: kind, name, redacted target, minimum severity, on/off, its last delivery, and a Test button with its result inline. */
export function ChannelRow({ channel, now, onTested }: { channel: ChannelView; now: number; onTested: () => void }) {
  const client = useClient();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const test = async () => {
    setTesting(true);
    setResult(null);
    try {
      const answer = await client.call('notifications.test', { channel: channel.id });
      setResult({ ok: answer.delivery.ok, text: testWords(answer.delivery) });
      onTested();
    } catch (failure) {
      setResult({ ok: false, text: failure instanceof Error ? failure.message : String(failure) });
    } finally {
      setTesting(false);
    }
  };
  const failing = channel.lastDelivery !== null && !channel.lastDelivery.ok;
  return (
    <tr className="channel-row" aria-label={`Channel ${channel.name}`}>
      <td>{KIND_WORDS[channel.kind] ?? channel.kind}</td>
      <td className="channel-name">{channel.name}</td>
      <td>
        {/* The core redacts the URL's secret: what is shown is all the page ever gets. */}
        <code className="channel-target">{channel.target}</code>
      </td>
      <td>
        <AlertSeverityBadge severity={channel.minSeverity} priority={false} /> or worse
      </td>
      <td>{channel.enabled ? 'on' : 'off'}</td>
      <td className={failing ? 'channel-delivery channel-failing' : 'channel-delivery'}>{deliveryWords(channel, now)}</td>
      <td>
        <button type="button" disabled={testing} onClick={() => void test()}>
          {testing ? 'Testing…' : 'Test'}
        </button>
        {result ? (
          <span role="status" className={result.ok ? 'channel-test channel-test-ok' : 'channel-test channel-test-failed'}>
            {' '}
            {result.text}
          </span>
        ) : null}
      </td>
    </tr>
  );
}
