// Commands of the update check (Settings page, "Updates"): whether Herald looks for a newer release (off unless
// the user or an administrator turns it on: no network call otherwise), where it looks, and the last answer.
import { z } from 'zod';
import { Empty } from './common.ts';

/** electron-builder's release feed for the project's releases; admins may point Herald at an internal mirror. */
export const DEFAULT_UPDATE_FEED = 'https://github.com/herald-app/herald/releases/latest/download/latest.yml';

/** An http(s) URL: the feed is fetched, and the release page it leads to is opened in the user's browser. */
export const UpdateFeedUrl = z.string().trim().refine(isHttpUrl, 'the update feed must be an http(s) URL');

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

export const UpdateSettings = z.object({
  /** Check at start and every 24 hours. */
  check: z.boolean(),
  /** An electron-builder `latest.yml` (its `version:` line is what is read). */
  feedUrl: UpdateFeedUrl,
});
export type UpdateSettings = z.infer<typeof UpdateSettings>;

/** The outcome of one check. */
export const UpdateCheck = z.object({
  /** The version running. */
  current: z.string(),
  /** The version the feed offers, when it could be read. */
  latest: z.string().optional(),
  /** The feed offers a newer version than the one running. */
  newer: z.boolean(),
  /** When the check ended (ms since the epoch). */
  checkedAt: z.number(),
  /** Where the newer release is described or downloaded (http(s) only). */
  releaseUrl: z.string().optional(),
  /** Why the check failed, in plain words; `latest` is then absent. */
  error: z.string().optional(),
});
export type UpdateCheck = z.infer<typeof UpdateCheck>;

export const UpdatesView = z.object({
  settings: UpdateSettings,
  /** The last check since Herald started; null before the first. */
  last: UpdateCheck.nullable(),
  /** A check is under way. */
  checking: z.boolean(),
});
export type UpdatesView = z.infer<typeof UpdatesView>;

export const updatesCommands = {
  'updates.get': { request: Empty, response: UpdatesView },
  /** Changes the fields given (refused when the administrator's policy locks the updates settings). */
  'updates.configure': { request: UpdateSettings.partial().strict(), response: UpdatesView },
  /** Checks now, whether or not regular checks are on; the reply is the outcome (also in `updates.changed`). */
  'updates.check': { request: Empty, response: UpdateCheck },
} as const;
