/** @jsxRuntime automatic */
import type { SettingsPatch, SettingsView } from '../../../../shared/config/settingsSchema';
import { Panel } from '../StateViews';
import { AddWebhookForm } from './AddWebhookForm';
import { BrowserNotificationsButton } from './BrowserNotificationsButton';
import { NotificationChannels } from './NotificationChannels';
import { NotificationPolicyForm } from './NotificationPolicyForm';

interface NotificationSettingsProps {
  view: SettingsView;
  onSaved: (view: SettingsView) => void;
  onPropose: (patch: SettingsPatch) => void;
}

/** The Settings page's notifications: channels with a Test button each, a new webhook, and when to notify. */
export function NotificationSettings({ view, onSaved, onPropose }: NotificationSettingsProps) {
  // A changed webhook list is a changed channel list: the key refetches it.
  const channelsKey = view.settings.notifications.webhooks.map((w) => `${w.name}:${w.kind}:${w.enabled}:${w.minSeverity}`).join('|') + String(view.settings.notifications.desktop);
  return (
    <Panel title="Notifications">
      <div className="notification-settings">
        <NotificationChannels key={channelsKey} />
        <BrowserNotificationsButton />
        <h3>Add a webhook</h3>
        <AddWebhookForm settings={view.settings} onPropose={onPropose} />
        <h3>When to notify</h3>
        <NotificationPolicyForm key={JSON.stringify(view.settings.notifications)} settings={view.settings} onSaved={onSaved} />
      </div>
    </Panel>
  );
}
