// Browser mode only: main cannot reach the desktop from a headless server, so the open tab turns `notify`
// events into Web Notifications. (In Electron main shows native ones and this hook stays off.)
import { useEffect, useRef } from 'react';
import { useClient } from '../transport/connection-context.ts';

export function webNotificationsSupported(): boolean {
  return typeof Notification !== 'undefined' && window.isSecureContext;
}

export function useWebNotifications(enabled: boolean, onOpen: (messageId?: number) => void): void {
  const client = useClient();
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    if (!enabled || !webNotificationsSupported()) return;
    return client.on('notify', (request) => {
      if (Notification.permission !== 'granted') return;
      // The tag lets several open tabs (and repeated bursts) replace one notification instead of stacking.
      const tag = request.messageId !== undefined ? `herald-${request.messageId}` : `herald-burst-${request.sourceId}`;
      const notification = new Notification(request.title || 'Herald', { body: request.body, tag });
      notification.onclick = () => {
        window.focus();
        open.current(request.messageId);
        notification.close();
      };
    });
  }, [client, enabled]);
}
