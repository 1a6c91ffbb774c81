// Shows the core's `notify` events as native notifications. The core decides what to notify (rules, bursts,
// pause); this file maps a NotificationRequest's priority to the OS's options (see notificationOptions) and
// handles the click.
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

/**
 * How loud a request is on this OS, or null when it is not shown at all:
 * - 5 urgent: critical urgency (Linux), stays until dismissed (Linux, Windows), with sound;
 * - 4 high and 3 normal: normal urgency, with sound;
 * - 1-2 low: only when a rule asked for it, then low urgency and silent; otherwise inbox only.
 */
export function notificationOptions(
  request: NotificationRequest,
  icon?: NativeImage,
): NotificationConstructorOptions | null {
  const base = { ...(icon ? { icon } : {}), title: request.title, body: request.body };
  if (request.priority >= 5) return { ...base, urgency: 'critical', timeoutType: 'never', silent: false };
  if (request.priority >= 3) return { ...base, urgency: 'normal', silent: false };
  if (request.rule === undefined) return null;
  return { ...base, urgency: 'low', silent: true };
}

export function showNotifications(options: NotificationOptions): NotificationController {
  const active = new Set<Notification>();

  const show = (request: NotificationRequest) => {
    const constructorOptions = notificationOptions(request, options.icon);
    if (constructorOptions === null || !Notification.isSupported()) return;
    const notification = new Notification(constructorOptions);
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
