// Asks the browser for permission to show desktop notifications. Browsers only allow asking from a click,
// hence a button rather than a prompt at start-up.
import { useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { webNotificationsSupported } from './use-web-notifications.ts';

export function EnableNotificationsButton() {
  const t = useT();
  const [permission, setPermission] = useState(() =>
    webNotificationsSupported() ? Notification.permission : 'unsupported',
  );
  if (permission === 'granted' || permission === 'unsupported') return null;
  if (permission === 'denied') {
    return <span className="muted small">{t('notifications.blocked')}</span>;
  }
  return (
    <button type="button" onClick={() => Notification.requestPermission().then(setPermission)}>
      {t('notifications.enable')}
    </button>
  );
}
