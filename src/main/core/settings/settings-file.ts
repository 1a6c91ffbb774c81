// The settings file's life on disk, shared by the headless JSON file and the app's electron-store file: a file
// that cannot be read is renamed to a dated backup (never overwritten, never deleted) and the user is told where
// it went; a file from an earlier schema version is migrated, its old form kept beside it.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { migrateSettings, MIGRATIONS, SETTINGS_VERSION, type Migrations } from './migrations.ts';

/** `config.json.corrupt-20260102-030405` (UTC, so the names sort the same on every machine); never an existing name. */
export function datedBackupPath(file: string, label: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  const base = `${file}.${label}-${stamp}`;
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** Renames an unreadable file to its dated backup; returns the warning that tells the user. */
export function setAsideUnreadable(file: string, problem: string, now: Date): string {
  const aside = datedBackupPath(file, 'corrupt', now);
  renameSync(file, aside);
  return `${file} could not be read (${problem}); it was kept as ${aside} and defaults are used.`;
}

/**
 * Migrates a settings file from an earlier version in place, keeping the original as a dated `pre-vN` copy.
 * Does nothing for a missing, current, newer or unreadable file: loading deals with those.
 * Returns a note for the user when it migrated.
 */
export function upgradeSettingsFile(
  file: string,
  now: Date,
  chain: { migrations: Migrations; current: number } = { migrations: MIGRATIONS, current: SETTINGS_VERSION },
): string | undefined {
  if (!existsSync(file)) return undefined;
  let migrated;
  try {
    migrated = migrateSettings(JSON.parse(readFileSync(file, 'utf8')), chain.migrations, chain.current);
  } catch {
    return undefined;
  }
  const version = chain.current;
  if (migrated.from === version) return undefined;
  const kept = datedBackupPath(file, `pre-v${version}`, now);
  copyFileSync(file, kept);
  writeJson(file, migrated.document);
  return `Settings were upgraded from version ${migrated.from} to ${version}; the old file was kept as ${kept}.`;
}

/**
 * Why a settings file cannot be read because a newer Herald wrote it, or null. Checked before a reader whose own
 * error would say less (electron-store's JSON Schema only knows the version is "not equal to constant").
 */
export function newerVersionProblem(file: string): string | null {
  if (!existsSync(file)) return null;
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown } | null)?.version;
  } catch {
    return null;
  }
  if (typeof version !== 'number' || version <= SETTINGS_VERSION) return null;
  try {
    migrateSettings({ version });
  } catch (err) {
    return (err as Error).message;
  }
  return null;
}

function writeJson(file: string, document: unknown): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(document, null, 2), { mode: 0o600 });
  renameSync(temp, file);
}
