// Settings files from every earlier schema version are lifted, one version at a time, to the current one before
// they are checked. A file from a newer Herald is refused (set aside, never half-read or overwritten).
// Adding version N: bump SETTINGS_VERSION, add MIGRATIONS[N - 1] (N-1 -> N), and a fixture of N-1 to the tests.

export const SETTINGS_VERSION = 1;

type Document = Record<string, unknown>;
/** MIGRATIONS[v] turns a version-v document into a version-(v+1) one. */
export type Migrations = Readonly<Record<number, (document: Document) => Document>>;

export const MIGRATIONS: Migrations = {};

/** A settings document Herald cannot read as any version it knows. */
export class SettingsVersionError extends Error {}

export interface Migrated {
  document: Document;
  /** The version the document had; equal to the current one when nothing was done. */
  from: number;
}

/**
 * Lifts `raw` to `current`. A document without a version is version 1 (the first schema had it optional with
 * a default of 1).
 */
export function migrateSettings(
  raw: unknown,
  migrations: Migrations = MIGRATIONS,
  current: number = SETTINGS_VERSION,
): Migrated {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SettingsVersionError('the settings are not a JSON object');
  }
  let document = raw as Document;
  const version = document.version ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SettingsVersionError(`the settings have an unknown version ${JSON.stringify(version)}`);
  }
  if (version > current) {
    throw new SettingsVersionError(
      `the settings were written by a newer Herald (settings version ${version}; this one reads up to ${current})`,
    );
  }
  for (let from = version; from < current; from++) {
    const step = migrations[from];
    if (!step) throw new SettingsVersionError(`no migration from settings version ${from}`);
    document = { ...step(document), version: from + 1 };
  }
  return { document, from: version };
}
