// electron-store is a real dependency here (conf underneath); only Electron itself is faked.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

// electron-store is loaded by Node outside vitest's module graph, so vi.mock cannot reach its own
// `import electron from 'electron'`. This makes the real package return a path string instead of
// downloading a binary; electron-store then runs in its documented "absolute cwd" mode.
vi.hoisted(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist';
});
vi.mock('electron', () => import('./fake-electron.ts'));

const { createElectronSettingsRepo, settingsStoreSchema } =
  await import('../../../src/main/electron/settings-store.ts');
const { defaultSettings } = await import('../../../src/main/core/settings/schema.ts');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const source = {
  id: 'abc',
  kind: 'mqtt' as const,
  name: 'Office',
  url: 'mqtts://broker.example:8883',
  username: 'ann',
  topics: [{ filter: 'alerts/#', qos: 1 as const }],
  protocolVersion: 4 as const,
  keepalive: 30,
  clean: true,
  sessionExpiry: 0,
  discovery: { homeAssistant: true, zigbee2mqtt: true, prefix: 'homeassistant', baseTopic: 'zigbee2mqtt' },
  enabled: true,
  minPriority: 1,
  embedded: false,
};

describe('electron-store settings repo', () => {
  test('starts with defaults and no warnings when there is no file', () => {
    const repo = createElectronSettingsRepo({ cwd: dir });
    expect(repo.load()).toEqual(defaultSettings());
    expect(repo.warnings).toEqual([]);
  });

  test('saves to config.json in the given folder and loads it back in a new instance', () => {
    const repo = createElectronSettingsRepo({ cwd: dir });
    const settings = { ...defaultSettings(), initialized: true, sources: [source] };
    repo.save(settings);
    const onDisk = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(onDisk.sources[0].name).toBe('Office');
    expect(createElectronSettingsRepo({ cwd: dir }).load()).toEqual(settings);
  });

  test('a corrupt file is set aside (not overwritten), defaults are used and a warning says where it went', () => {
    writeFileSync(join(dir, 'config.json'), '{"sources": [ this is not json');
    const repo = createElectronSettingsRepo({ cwd: dir, now: () => new Date('2026-01-02T03:04:05.678Z') });
    expect(repo.load()).toEqual(defaultSettings());
    const aside = 'config.json.corrupt-20260102-030405';
    expect(readdirSync(dir)).toContain(aside);
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{"sources": [ this is not json');
    expect(repo.warnings).toHaveLength(1);
    expect(repo.warnings[0]).toContain(aside);
  });

  test('a file that breaks the schema is set aside too (JSON Schema and zod refinements)', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ broker: { port: 'eighty' } }));
    const first = createElectronSettingsRepo({ cwd: dir });
    expect(first.load().broker.port).toBe(1883);
    expect(first.warnings[0]).toMatch(/could not be read/);

    // Passes JSON Schema (a non-empty string) but not zod's topic-filter refinement.
    const bad = { ...defaultSettings(), sources: [{ ...source, topics: [{ filter: 'a/#/b', qos: 0 }] }] };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(bad));
    const second = createElectronSettingsRepo({ cwd: dir });
    expect(second.load().sources).toEqual([]);
    expect(second.warnings[0]).toMatch(/topic filter is invalid/);
    expect(readdirSync(dir).filter((name) => name.startsWith('config.json.corrupt-'))).toHaveLength(2);
  });

  test('a file from a newer Herald is set aside under a dated name, never read in part', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...defaultSettings(), version: 99 }));
    const repo = createElectronSettingsRepo({ cwd: dir, now: () => new Date('2026-01-02T03:04:05.678Z') });
    expect(repo.load()).toEqual(defaultSettings());
    expect(readdirSync(dir)).toContain('config.json.corrupt-20260102-030405');
    expect(repo.warnings).toEqual([
      expect.stringMatching(/written by a newer Herald .*config\.json\.corrupt-20260102-030405/),
    ]);
  });

  test('refuses to save invalid settings', () => {
    const repo = createElectronSettingsRepo({ cwd: dir });
    expect(() => repo.save({ ...defaultSettings(), broker: { ...defaultSettings().broker, port: 0 } })).toThrow();
    expect(repo.load().broker.port).toBe(1883);
    const onDisk = existsSync(join(dir, 'config.json'))
      ? JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))
      : {};
    expect(onDisk.broker?.port).not.toBe(0);
  });

  test('the electron-store schema is derived from the zod schema, one entry per settings key', () => {
    const schema = settingsStoreSchema() as Record<string, { type?: string }>;
    expect(Object.keys(schema).sort()).toEqual(Object.keys(defaultSettings()).sort());
    expect(schema.sources?.type).toBe('array');
  });
});
