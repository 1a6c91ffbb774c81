// Shows the core's `notify` events as native notifications. The core decides what to notify (bursts, pause,
// priority); this file only maps a NotificationRequest to Electron's Notification and handles the click.
import { Notification, type NativeImage, type NotificationConstructorOptions } from 'electron';
import type { NotificationRequest } from '../../shared/model.ts';
import type { HeraldCore } from '../core/core-api.ts';

export interface NotificationOptions {
  core: Pick<HeraldCore, 'on' | 'openMessage'>;
  showWindow(): void;
  /** Shown where the OS does not use the app's own icon (Linux notification servers). */
  icon?: NativeImage;
}

export interface NotificationController {
  /** Notifications still on screen (or in the OS centre), held so their click listeners survive GC. */
  readonly active: ReadonlySet<Notification>;
  dispose(): void;
}

/**
 * Main-process Notifications are only weakly held by Electron: if one is garbage-collected, its click never
 * arrives (electron#16922). We hold each until click/close/failed. Some Linux servers never report close, so
 * the set is capped and the oldest reference is dropped first.
 */
const MAX_HELD = 100;

export function notificationOptions(request: NotificationRequest, icon?: NativeImage): NotificationConstructorOptions {
  return {
    ...(icon ? { icon } : {}),
    title: request.title,
    body: request.body,
    urgency: request.priority >= 5 ? 'critical' : request.priority <= 2 ? 'low' : 'normal',
    silent: request.priority <= 2,
  };
}

export function showNotifications(options: NotificationOptions): NotificationController {
  const active = new Set<Notification>();

  const show = (request: NotificationRequest) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification(notificationOptions(request, options.icon));
    const release = () => active.delete(notification);
    notification.on('click', () => {
      release();
      options.showWindow();
      // Without a messageId (a burst summary) this just brings the inbox to the front.
      options.core.openMessage(request.messageId);
    });
    notification.on('close', release);
    notification.on('failed', (_event, error) => {
      release();
      console.warn(`[herald] notification failed: ${error}`);
    });
    active.add(notification);
    if (active.size > MAX_HELD) active.delete(active.values().next().value!);
    notification.show();
  };

  const unsubscribe = options.core.on('notify', show);

  return {
    active,
    dispose() {
      unsubscribe();
      active.clear();
    },
  };
}
