// Commands of the Settings page: notification settings, what the app is (version, data dir), a test
// notification, and starting at login (a host capability: the app has it, `herald serve` does not).
import { z } from 'zod';
import { Empty } from './common.ts';
import { LOCALES } from '../locale.ts';

/** The notification settings a user edits; the pause has its own command (notifications.setPaused). */
export const NotificationSettings = z.object({
  /** Messages from one source within this window are summed up as one notification. */
  burstWindowMs: z.number().int().min(0).max(60_000),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const AutostartState = z.object({
  enabled: z.boolean(),
  /** False where Herald cannot start itself at login (headless); `reason` says why. */
  supported: z.boolean(),
  reason: z.string().optional(),
});
export type AutostartState = z.infer<typeof AutostartState>;

export const settingsCommands = {
  'settings.get': { request: Empty, response: z.object({ notifications: NotificationSettings }) },
  /** Changes the fields given; the reply is the settings as saved. */
  'settings.update': {
    request: z.object({ notifications: NotificationSettings.partial().strict() }).strict(),
    response: z.object({ notifications: NotificationSettings }),
  },
  'app.info': {
    request: Empty,
    response: z.object({ version: z.string(), dataDir: z.string() }),
  },
  /** Sends a notification through the same path as a message's; the reply says who shows it. */
  'app.testNotification': {
    request: Empty,
    response: z.object({
      /** 'native': the desktop app shows it; 'browser': an open Herald tab shows it (Web Notifications). */
      shownBy: z.enum(['native', 'browser']),
      /** For 'native': whether this system can show notifications at all. */
      supported: z.boolean().optional(),
    }),
  },
  /** The UI tells the language it shows, so notifications and the tray speak it too (saved for the next start). */
  'app.setLocale': {
    request: z.object({ locale: z.enum(LOCALES) }).strict(),
    response: z.object({ locale: z.enum(LOCALES) }),
  },
  'app.autostart.get': { request: Empty, response: AutostartState },
  'app.autostart.set': { request: z.object({ enabled: z.boolean() }).strict(), response: AutostartState },
} as const;
