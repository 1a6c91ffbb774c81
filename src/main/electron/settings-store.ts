// The app's SettingsRepo: electron-store's config.json in userData, checked twice — by electron-store against
// the JSON Schema generated from the zod Settings schema, and by zod itself (refinements JSON Schema cannot say).
import type { Schema } from 'electron-store';
import { z } from 'zod';
import { describeIssues } from '../../shared/contract.ts';
import { join } from 'node:path';
import { migrateSettings } from '../core/settings/migrations.ts';
import { Settings, defaultSettings } from '../core/settings/schema.ts';
import { newerVersionProblem, setAsideUnreadable, upgradeSettingsFile } from '../core/settings/settings-file.ts';
import type { SettingsRepo } from '../core/settings/types.ts';
import { openStoreSettingCorruptAside } from './json-store.ts';

export interface ElectronSettingsOptions {
  /** Folder of config.json: app.getPath('userData'). */
  cwd: string;
  now?: () => Date;
}

/** electron-store wants one JSON Schema per top-level key: the `properties` of the generated object schema. */
export function settingsStoreSchema(): Schema<Settings> {
  const json = z.toJSONSchema(Settings, { io: 'input' }) as { properties: Record<string, unknown> };
  return withoutDefaults(json.properties) as Schema<Settings>;
}

/**
 * Defaults are zod's job (it fills them on load). Ajv's strict mode rejects `default` inside the oneOf of the
 * source kinds, so the copy given to electron-store has none.
 */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'default')
      .map(([key, inner]) => [key, withoutDefaults(inner)]),
  );
}

export function createElectronSettingsRepo(options: ElectronSettingsOptions): SettingsRepo {
  const warnings: string[] = [];
  let loaded: Settings = defaultSettings();

  const now = options.now ?? (() => new Date());
  // Before electron-store sees it: an earlier version's file would fail the current JSON Schema and be set aside,
  // and a newer one would be refused in words that do not say why.
  const file = join(options.cwd, 'config.json');
  const newer = newerVersionProblem(file);
  if (newer) warnings.push(`Settings: ${setAsideUnreadable(file, newer, now())}`);
  upgradeSettingsFile(file, now());
  const opened = openStoreSettingCorruptAside<Settings>(
    { cwd: options.cwd, name: 'config', schema: settingsStoreSchema() },
    (data) => {
      // A file written by a newer or broken build: refuse it like a corrupt one instead of running on half of it.
      const parsed = Settings.safeParse(migrateSettings(data).document);
      if (!parsed.success) throw new Error(`invalid settings: ${describeIssues(parsed.error)}`);
      loaded = parsed.data;
    },
    now,
  );
  if (opened.warning) warnings.push(`Settings: ${opened.warning}`);
  const { store } = opened;

  return {
    warnings,
    load() {
      return structuredClone(loaded);
    },
    save(settings) {
      const valid = Settings.parse(settings);
      store.store = valid;
      loaded = valid;
    },
  };
}
