// Asks the browser for permission to show desktop notifications. Browsers only allow asking from a click,
// hence a button rather than a prompt at start-up.
import { useState } from 'react';
import { webNotificationsSupported } from './use-web-notifications.ts';

export function EnableNotificationsButton() {
  const [permission, setPermission] = useState(() =>
    webNotificationsSupported() ? Notification.permission : 'unsupported',
  );
  if (permission === 'granted' || permission === 'unsupported') return null;
  if (permission === 'denied') {
    return (
      <span className="muted small">Desktop notifications are blocked for this page in the browser settings.</span>
    );
  }
  return (
    <button type="button" onClick={() => Notification.requestPermission().then(setPermission)}>
      Enable desktop notifications
    </button>
  );
}
