// Settings persisted between runs. One schema serves the Electron store (as JSON Schema) and the headless
// JSON file; secrets are never part of it (see SecretStore).
import { z } from 'zod';
import { RulesDocument } from '../../../shared/rules/schema.ts';
import { everyKindWith, type SourceKind } from '../../../shared/sources.ts';

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
  version: z.literal(1).default(1),
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
    })
    .prefault({}),
});
export type Settings = z.infer<typeof Settings>;

export function defaultSettings(): Settings {
  return Settings.parse({});
}
