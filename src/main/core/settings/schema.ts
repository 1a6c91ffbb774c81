// Settings persisted between runs. One schema serves the Electron store (as JSON Schema) and the headless
// JSON file; secrets are never part of it (see SecretStore).
import { z } from 'zod';
import { SETTINGS_VERSION } from './migrations.ts';
import { RulesDocument } from '../../../shared/rules/schema.ts';
import { SavedButton } from '../../../shared/publish.ts';
import { RetentionRules } from '../../../shared/retention.ts';
import { DEFAULT_UPDATE_FEED, UpdateFeedUrl } from '../../../shared/commands/updates.ts';
import { everyKindWith, type SourceKind } from '../../../shared/sources.ts';
import { LOCALES } from '../../../shared/locale.ts';
import { BridgeSettings } from '../../../shared/bridge.ts';

const stored = {
  id: z.string().min(1),
  /** Follows the embedded broker's actual address instead of `url` (the first-run default source). */
  embedded: z.boolean().default(false),
};

/** A saved source: its settings (secrets are in the SecretStore, keyed by its id) plus identity. */
export const StoredSource = everyKindWith(stored);
export type StoredSource = z.infer<typeof StoredSource>;
export type StoredSourceOf<K extends SourceKind> = Extract<StoredSource, { kind: K }>;

export const Settings = z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  /** False until the first run has written the default source; lets the user remove it for good. */
  initialized: z.boolean().default(false),
  sources: z.array(StoredSource).default([]),
  broker: z
    .object({
      enabled: z.boolean().default(true),
      port: z.number().int().min(1).max(65535).default(1883),
      /** Listen on all interfaces; refused unless a username and password are set. */
      lan: z.boolean().default(false),
      username: z.string().optional(),
      // The embedded broker's listeners, users and limits (docs/broker.md); paths are absolute.
      /** Address to listen on (overrides `lan`); anything but loopback requires authentication. */
      host: z.string().min(1).optional(),
      wsPort: z.number().int().min(1).max(65535).optional(),
      wsPath: z.string().regex(/^\//).default('/mqtt'),
      passwordFile: z.string().min(1).optional(),
      aclFile: z.string().min(1).optional(),
      tlsCert: z.string().min(1).optional(),
      tlsKey: z.string().min(1).optional(),
      /** TLS with a certificate Herald makes and keeps in the data dir, when no tlsCert/tlsKey are given. */
      tlsSelfSigned: z.boolean().default(false),
      /** Anonymous clients from this computer (never from the network). */
      anonymous: z.boolean().default(true),
      maxConnections: z.number().int().min(1).max(100_000).default(1000),
      maxPacketBytes: z
        .number()
        .int()
        .min(1024)
        .max(256 * 1024 * 1024)
        .default(32 * 1024 * 1024),
      /** Forwarding chosen topics to and from an upstream broker (its password is a secret). */
      bridge: BridgeSettings.prefault({}),
    })
    .prefault({}),
  /** What deserves attention: the rules document (docs/rules.md). */
  rules: RulesDocument.prefault({ version: 1, rules: [] }),
  notifications: z
    .object({
      paused: z.boolean().default(false),
      /** A pause with a duration ends at this time (ms since the epoch); `paused` stays false meanwhile. */
      pausedUntil: z.number().int().optional(),
      /** Messages from one source within this window are summarised as one notification. */
      burstWindowMs: z.number().int().min(0).max(60_000).default(500),
    })
    .prefault({}),
  inbox: z
    .object({
      /** Payloads above this many bytes are stored cut, with a "truncated" marker. */
      maxPayloadBytes: z
        .number()
        .int()
        .min(1024)
        .max(64 * 1024 * 1024)
        .default(256 * 1024),
      /** Which messages to stop keeping (shared/retention.ts); none keeps everything. */
      retention: RetentionRules.default([]),
    })
    .prefault({}),
  /** Saved publish buttons (the Publish page; pinned ones also in the tray menu). */
  publish: z.object({ buttons: z.array(SavedButton).max(500).default([]) }).prefault({}),
  /** Device entities pinned to the tray menu and the quick palette, by entity id (buttons keep `pinned`). */
  favourites: z.object({ entities: z.array(z.string().min(1)).max(500).default([]) }).prefault({}),
  /** Looking for a newer Herald: off unless turned on, so Herald makes no network call of its own. */
  updates: z
    .object({ check: z.boolean().default(false), feedUrl: UpdateFeedUrl.default(DEFAULT_UPDATE_FEED) })
    .prefault({}),
  /** What an administrator's policy gave once (settings/policy.ts), so it is not given again. */
  policy: z.object({ seeded: z.array(z.string()).default([]) }).prefault({}),
  /** The language the UI last showed (app.setLocale), for notifications and the tray; null: the system's. */
  locale: z.enum(LOCALES).nullable().default(null),
});
export type Settings = z.infer<typeof Settings>;

export function defaultSettings(): Settings {
  return Settings.parse({});
}
