// The whole setup as one versioned JSON document: every setting (sources, rules, broker, notifications, inbox,
// saved buttons...), the embedded broker's ACL, and, only when a passphrase is given, the secrets (the broker's
// password file among them) sealed with it. Reading one checks the
// format, refuses a newer format clearly, migrates settings from earlier versions and validates them whole.
import { z } from 'zod';
import { describeIssues } from '../../../shared/contract.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { SECRET_FIELDS } from '../../../shared/sources.ts';
import { migrateSettings } from '../settings/migrations.ts';
import { Settings } from '../settings/schema.ts';
import { BROKER_SECRET_KEYS, sourceSecretKey, type SecretStore } from '../settings/types.ts';
import { MAX_BROKER_FILE_CHARS, PASSWORD_FILE_SECRET, type BrokerFileTexts } from './broker-files.ts';
import { SealedSecrets, seal, unseal } from './secret-box.ts';

export const CONFIG_FORMAT = 'herald-config';
/** The document's own version (its envelope); the settings inside carry theirs. */
export const CONFIG_FORMAT_VERSION = 1;

const Envelope = z.object({
  format: z.literal(CONFIG_FORMAT),
  version: z.number().int().min(1),
  exportedAt: z.string(),
  settings: z.unknown(),
  /** The embedded broker's ACL file (its password file travels with the sealed secrets). */
  brokerFiles: z.object({ acl: z.string().max(MAX_BROKER_FILE_CHARS).optional() }).optional(),
  secrets: SealedSecrets.optional(),
});

/** A document that cannot be imported; the message says why in words a person can act on. */
export class ImportRefused extends Error {}
/** The document carries sealed secrets and no passphrase was given. */
export class PassphraseNeeded extends ImportRefused {
  constructor() {
    super('this export holds encrypted secrets: give its passphrase (HERALD_CONFIG_PASSPHRASE on the command line)');
  }
}

export interface Setup {
  settings: Settings;
  /** Secret store entries by key; null when the document carries none. */
  secrets: Record<string, string> | null;
  /** The broker's ACL and password file as the document carries them (null: not in it). */
  brokerFiles: BrokerFileTexts;
  exportedAt: string;
}

/** Every secret the setup has: each source's password, token and TLS key, and the broker's passwords. */
export function collectSecrets(settings: Settings, store: SecretStore): Record<string, string> {
  const keys = [
    ...settings.sources.flatMap((source) => SECRET_FIELDS.map((field) => sourceSecretKey(source.id, field))),
    ...BROKER_SECRET_KEYS,
  ];
  const found: Record<string, string> = {};
  for (const key of keys) {
    const value = store.get(key);
    if (value !== undefined) found[key] = value;
  }
  return found;
}

export function exportSetup(
  settings: Settings,
  secrets: Record<string, string>,
  options: { passphrase?: string; now?: Date; brokerFiles?: BrokerFileTexts } = {},
): string {
  const files = options.brokerFiles;
  // The users' password hashes are credentials: they go only where the secrets go, sealed.
  const sealed = files?.passwords != null ? { ...secrets, [PASSWORD_FILE_SECRET]: files.passwords } : secrets;
  const document = {
    format: CONFIG_FORMAT,
    version: CONFIG_FORMAT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    settings: Settings.parse(settings),
    ...(files?.acl != null ? { brokerFiles: { acl: files.acl } } : {}),
    ...(options.passphrase !== undefined ? { secrets: seal(sealed, options.passphrase) } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function readSetup(text: string, passphrase?: string): Setup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ImportRefused(`the file is not JSON (${errorMessage(err)})`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== CONFIG_FORMAT)
    throw new ImportRefused('the file is not a Herald setup export (no "format": "herald-config")');
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > CONFIG_FORMAT_VERSION) {
    throw new ImportRefused(
      `the file was exported by a newer Herald (format version ${version}; this one reads up to ${CONFIG_FORMAT_VERSION}); update Herald to import it`,
    );
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success)
    throw new ImportRefused(`the file is not a valid setup export: ${describeIssues(envelope.error)}`);
  let settings: Settings;
  try {
    const parsed = Settings.safeParse(migrateSettings(envelope.data.settings).document);
    if (!parsed.success) throw new ImportRefused(`its settings are invalid: ${describeIssues(parsed.error)}`);
    settings = parsed.data;
  } catch (err) {
    if (err instanceof ImportRefused) throw err;
    throw new ImportRefused(errorMessage(err));
  }
  const sealed = envelope.data.secrets;
  if (sealed && passphrase === undefined) throw new PassphraseNeeded();
  const { [PASSWORD_FILE_SECRET]: passwords, ...secrets } = sealed ? unseal(sealed, passphrase!) : {};
  return {
    settings: { ...settings, initialized: true },
    secrets: sealed ? secrets : null,
    brokerFiles: { acl: envelope.data.brokerFiles?.acl ?? null, passwords: passwords ?? null },
    exportedAt: envelope.data.exportedAt,
  };
}
