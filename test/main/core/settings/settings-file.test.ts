// A settings file that cannot be read never costs the user their setup: it is kept as a dated backup, defaults
// load, the user is told where it went (AppState.warnings) and the inbox is untouched. Files from every earlier
// schema version are migrated; a newer one is refused the same careful way.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  migrateSettings,
  MIGRATIONS,
  SETTINGS_VERSION,
  SettingsVersionError,
  type Migrations,
} from '../../../../src/main/core/settings/migrations.ts';
import { JsonSettingsRepo } from '../../../../src/main/core/settings/json-settings-repo.ts';
import { defaultSettings, Settings } from '../../../../src/main/core/settings/schema.ts';
import { upgradeSettingsFile } from '../../../../src/main/core/settings/settings-file.ts';
import { dispatch } from '../../../../src/shared/contract.ts';
import type { AppState } from '../../../../src/shared/model.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { startTestCore, tempDir } from '../../../helpers/core.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';
import { freePort } from '../../../helpers/ports.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
function dataDir() {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

const NOW = new Date('2026-01-02T03:04:05.678Z');
const at = () => NOW;

/** One settings document as each schema version wrote it; a new version must add its predecessor here. */
const EVERY_VERSION: Record<number, unknown[]> = {
  1: [
    {},
    {
      version: 1,
      initialized: true,
      sources: [
        {
          id: 'office',
          kind: 'mqtt',
          name: 'Office',
          url: 'mqtt://broker.lan:1883',
          topics: [{ filter: 'alerts/#', qos: 1 }],
          enabled: true,
          embedded: false,
        },
        { id: 'n', kind: 'ntfy', name: 'ntfy', url: 'https://ntfy.sh', topics: ['backups'] },
      ],
      broker: { enabled: false, port: 1884 },
      rules: { version: 1, rules: [{ name: 'quiet', match: { topic: 'alerts/#' }, action: 'silent' }] },
      notifications: { paused: true },
    },
  ],
};

describe('a corrupt or invalid settings file', () => {
  test('is renamed to config.json.corrupt-YYYYMMDD-HHMMSS, defaults load, and a warning names the backup', () => {
    const file = join(dataDir(), 'config.json');
    writeFileSync(file, '{"sources": [ not json');
    const repo = new JsonSettingsRepo(file, { now: at });
    expect(repo.load()).toEqual(defaultSettings());
    const aside = `${file}.corrupt-20260102-030405`;
    expect(readFileSync(aside, 'utf8')).toBe('{"sources": [ not json');
    expect(existsSync(file)).toBe(false);
    expect(repo.warnings).toEqual([expect.stringContaining(`it was kept as ${aside} and defaults are used`)]);
  });

  test('a second one in the same second gets its own backup; neither is overwritten', () => {
    const dir = dataDir();
    const file = join(dir, 'config.json');
    writeFileSync(file, 'first');
    new JsonSettingsRepo(file, { now: at }).load();
    writeFileSync(file, JSON.stringify({ broker: { port: 'eighty' } }));
    const repo = new JsonSettingsRepo(file, { now: at });
    repo.load();
    expect(readdirSync(dir).sort()).toEqual([
      'config.json.corrupt-20260102-030405',
      'config.json.corrupt-20260102-030405-2',
    ]);
    expect(repo.warnings[0]).toContain('broker.port');
  });

  test('a file from a newer Herald is kept aside, with the reason said', () => {
    const file = join(dataDir(), 'config.json');
    writeFileSync(file, JSON.stringify({ version: SETTINGS_VERSION + 1, sources: [] }));
    const repo = new JsonSettingsRepo(file, { now: at });
    expect(repo.load()).toEqual(defaultSettings());
    expect(repo.warnings[0]).toMatch(/written by a newer Herald/);
    expect(existsSync(`${file}.corrupt-20260102-030405`)).toBe(true);
  });

  test('through the core: the warning is in the app state and the inbox keeps its messages', async () => {
    const dir = dataDir();
    const first = await startTestCore({ dataDir: dir, brokerPort: 'off' });
    await first.stop();
    const inbox = MessageStore.open(join(dir, 'inbox.sqlite'));
    insert(inbox, [newMessage('one'), newMessage('two'), newMessage('three')]);
    inbox.close();
    writeFileSync(join(dir, 'config.json'), '{ broken');

    const second = await startTestCore({ dataDir: dir, brokerPort: await freePort() });
    try {
      const state = (await dispatch(second.core.handlers, 'app.getState', {})) as { ok: true; value: AppState };
      const backup = readdirSync(dir).find((name) => name.startsWith('config.json.corrupt-'));
      expect(backup).toMatch(/^config\.json\.corrupt-\d{8}-\d{6}$/);
      expect(state.value.warnings.some((w) => w.includes(join(dir, backup!)))).toBe(true);
      expect(state.value.total).toBe(3);
      expect(readFileSync(join(dir, backup!), 'utf8')).toBe('{ broken');
    } finally {
      await second.stop();
    }
  });
});

describe('settings migrations', () => {
  test('a document of every earlier version (and the current one) migrates and validates', () => {
    expect(Object.keys(EVERY_VERSION).map(Number)).toEqual(Array.from({ length: SETTINGS_VERSION }, (_, i) => i + 1));
    for (const [version, documents] of Object.entries(EVERY_VERSION)) {
      for (const document of documents) {
        const migrated = migrateSettings(document);
        expect(migrated.from).toBe(Number(version));
        const parsed = Settings.safeParse(migrated.document);
        expect(parsed.success, JSON.stringify(document)).toBe(true);
        expect(parsed.data?.version).toBe(SETTINGS_VERSION);
      }
    }
    expect(Object.keys(MIGRATIONS).map(Number)).toEqual(Array.from({ length: SETTINGS_VERSION - 1 }, (_, i) => i + 1));
  });

  // The chain itself, proven on a made-up history of three versions.
  const chain: Migrations = {
    1: (doc) => ({ ...doc, renamed: doc.old, old: undefined }),
    2: (doc) => ({ ...doc, steps: [...((doc.steps as string[] | undefined) ?? []), 'two-to-three'] }),
  };

  test("steps run in order from the file's version, and each sets the next version", () => {
    expect(migrateSettings({ version: 1, old: 'x' }, chain, 3)).toEqual({
      from: 1,
      document: { version: 3, renamed: 'x', old: undefined, steps: ['two-to-three'] },
    });
    expect(migrateSettings({ version: 2, steps: ['a'] }, chain, 3).document.steps).toEqual(['a', 'two-to-three']);
    expect(migrateSettings({ version: 3 }, chain, 3)).toEqual({ from: 3, document: { version: 3 } });
  });

  test('a newer, unknown or missing step is refused clearly', () => {
    expect(() => migrateSettings({ version: 4 }, chain, 3)).toThrow(
      /newer Herald \(settings version 4; this one reads up to 3\)/,
    );
    expect(() => migrateSettings({ version: 'two' }, chain, 3)).toThrow(SettingsVersionError);
    expect(() => migrateSettings([], chain, 3)).toThrow(/not a JSON object/);
    expect(() => migrateSettings({ version: 1 }, { 2: chain[2]! }, 3)).toThrow(/no migration from settings version 1/);
  });

  test('a file of an earlier version is migrated in place and its old form kept beside it', () => {
    const file = join(dataDir(), 'config.json');
    writeFileSync(file, JSON.stringify({ version: 1, old: 'x' }));
    const note = upgradeSettingsFile(file, NOW, { migrations: chain, current: 3 });
    expect(note).toContain('from version 1 to 3');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 3, renamed: 'x' });
    expect(JSON.parse(readFileSync(`${file}.pre-v3-20260102-030405`, 'utf8'))).toEqual({ version: 1, old: 'x' });
    expect(upgradeSettingsFile(file, NOW, { migrations: chain, current: 3 })).toBeUndefined();
  });
});
