// Browser mode only: main cannot reach the desktop from a headless server, so the open tab turns `notify`
// events into Web Notifications. (In Electron main shows native ones and this hook stays off.)
import { useEffect, useRef } from 'react';
import type { NotificationRequest } from '../../shared/model.ts';
import { useClient } from '../transport/connection-context.ts';

export function webNotificationsSupported(): boolean {
  return typeof Notification !== 'undefined' && window.isSecureContext;
}

/**
 * The Web Notifications options for a request, or null when it is not shown: the same policy as the desktop
 * shell, as far as the API goes. 5 urgent stays until dismissed; 3-4 as the browser shows any; 1-2 only when a
 * rule asked for it, then silent. The tag lets several open tabs (and repeated bursts) replace one notification
 * instead of stacking.
 */
export function webNotificationOptions(request: NotificationRequest): NotificationOptions | null {
  const tag =
    request.messageId !== undefined
      ? `herald-${request.messageId}`
      : request.sourceId
        ? `herald-burst-${request.sourceId}`
        : 'herald-summary';
  const base = { body: request.body, tag };
  if (request.priority >= 5) return { ...base, requireInteraction: true, silent: false };
  if (request.priority >= 3) return base;
  if (request.rule === undefined) return null;
  return { ...base, silent: true };
}

export function useWebNotifications(enabled: boolean, onOpen: (messageId?: number) => void): void {
  const client = useClient();
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    if (!enabled || !webNotificationsSupported()) return;
    return client.on('notify', (request) => {
      if (Notification.permission !== 'granted') return;
      const options = webNotificationOptions(request);
      if (options === null) return;
      const notification = new Notification(request.title || 'Herald', options);
      notification.onclick = () => {
        window.focus();
        open.current(request.messageId);
        notification.close();
      };
    });
  }, [client, enabled]);
}
