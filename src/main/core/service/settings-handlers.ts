// The Settings page's commands: notification settings, what the app is, a test notification, and starting at
// login through the host's autostart port (absent headless, which is reported with the reason).
import { HeraldError, type Handlers } from '../../../shared/contract.ts';
import type { AutostartState } from '../../../shared/commands/settings.ts';
import type { NotificationRequest } from '../../../shared/model.ts';
import type { AutostartPort, NativeNotifications } from '../core-api.ts';
import type { Settings } from '../settings/schema.ts';
import type { MainText } from '../i18n/main-texts.ts';

export interface SettingsHandlerDeps {
  settings: () => Settings;
  saveSettings: (settings: Settings) => void;
  dataDir: string;
  version?: string;
  autostart?: AutostartPort;
  nativeNotifications?: NativeNotifications;
  /** Shows a notification through the same `notify` event a message's takes. */
  notify: (request: NotificationRequest) => void;
  stateChanged: () => void;
  /** The words of what the main process says, in the user's language. */
  text: () => MainText;
}

type SettingsCommands =
  | 'settings.get'
  | 'settings.update'
  | 'app.info'
  | 'app.testNotification'
  | 'app.setLocale'
  | 'app.autostart.get'
  | 'app.autostart.set';

export const HEADLESS_AUTOSTART_REASON =
  'Herald runs headless here (herald serve): start it at login with your system’s service manager, e.g. a systemd user unit.';

/** What a test notification says; priority 3 is shown by every host, like a normal message. */
export function testNotification(text: MainText): NotificationRequest {
  return { title: text('notify.testTitle'), body: text('notify.testBody'), priority: 3, sourceId: 'herald', count: 1 };
}

export function createSettingsHandlers(deps: SettingsHandlerDeps): Pick<Handlers, SettingsCommands> {
  const notificationSettings = () => ({ burstWindowMs: deps.settings().notifications.burstWindowMs });
  const autostart = (): AutostartState =>
    deps.autostart?.get() ?? { enabled: false, supported: false, reason: HEADLESS_AUTOSTART_REASON };

  return {
    'settings.get': () => ({ notifications: notificationSettings() }),
    'settings.update': (request) => {
      const current = deps.settings();
      deps.saveSettings({ ...current, notifications: { ...current.notifications, ...request.notifications } });
      return { notifications: notificationSettings() };
    },
    'app.info': () => ({ version: deps.version ?? 'unknown', dataDir: deps.dataDir }),
    'app.testNotification': () => {
      deps.notify(testNotification(deps.text()));
      return deps.nativeNotifications
        ? { shownBy: 'native' as const, supported: deps.nativeNotifications.supported() }
        : { shownBy: 'browser' as const };
    },
    'app.setLocale': ({ locale }) => {
      const current = deps.settings();
      if (current.locale !== locale) {
        deps.saveSettings({ ...current, locale });
        // The tray rebuilds its menu and tooltip in the new language through app.state.
        deps.stateChanged();
      }
      return { locale };
    },
    'app.autostart.get': () => autostart(),
    'app.autostart.set': (request) => {
      if (!deps.autostart) {
        if (request.enabled) throw new HeraldError('conflict', `cannot start at login: ${HEADLESS_AUTOSTART_REASON}`);
        return autostart();
      }
      deps.autostart.set(request.enabled);
      // The tray's checkbox follows through app.state.
      deps.stateChanged();
      return autostart();
    },
  };
}
