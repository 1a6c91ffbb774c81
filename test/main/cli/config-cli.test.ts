// `herald config export` / `herald config import` as real processes on real data dirs: a plain export never
// holds a secret, a sealed one round-trips with HERALD_CONFIG_PASSPHRASE, --dry-run changes nothing, and a
// newer format or a wrong passphrase is refused with nothing changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FileSecretStore } from '../../../src/main/core/settings/file-secret-store.ts';
import { JsonSettingsRepo } from '../../../src/main/core/settings/json-settings-repo.ts';
import { defaultSettings, StoredSource } from '../../../src/main/core/settings/schema.ts';
import { sourceSecretKey } from '../../../src/main/core/settings/types.ts';
import { HERALD_BIN, useCliProcesses } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/core.ts';

const { dirs } = useCliProcesses();
const PASSWORD = 'hunter2-but-longer';

function heraldWith(args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  delete clean.HERALD_CONFIG_PASSPHRASE;
  return spawnSync(process.execPath, [HERALD_BIN, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...clean, ...env },
  });
}

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

/** A data dir as headless Herald leaves it: one source with a password, one rule. */
function configuredDir(): string {
  const dir = dataDir();
  const source = StoredSource.parse({
    id: 'plant',
    kind: 'mqtt',
    name: 'Plant',
    url: 'mqtt://plant.example:1883',
    username: 'ops',
    topics: [{ filter: 'plant/#', qos: 1 }],
  });
  new JsonSettingsRepo(join(dir, 'config.json')).save({
    ...defaultSettings(),
    initialized: true,
    sources: [source],
    rules: { version: 1, rules: [{ name: 'night', enabled: true, match: {}, action: 'silent' }] },
  });
  new FileSecretStore(join(dir, 'headless-secrets.json')).set(sourceSecretKey('plant', 'password'), PASSWORD);
  return dir;
}

describe('herald config', () => {
  test('export writes the setup without secrets; import --dry-run previews and changes nothing', () => {
    const origin = configuredDir();
    const exported = heraldWith(['config', 'export', '--data-dir', origin]);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).not.toContain(PASSWORD);
    expect(JSON.parse(exported.stdout)).toMatchObject({
      format: 'herald-config',
      settings: { sources: [{ id: 'plant' }] },
    });

    const target = dataDir();
    const file = join(target, 'setup.json');
    writeFileSync(file, exported.stdout);
    const dry = heraldWith(['config', 'import', file, '--dry-run', '--data-dir', target]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+ source Plant (mqtt://plant.example:1883)');
    expect(dry.stdout).toContain('+ rule night');
    expect(dry.stderr).toContain('nothing was changed');
    expect(existsSync(join(target, 'config.json'))).toBe(false);

    const applied = heraldWith(['config', 'import', file, '--data-dir', target]);
    expect(applied.status, applied.stderr).toBe(0);
    const settings = new JsonSettingsRepo(join(target, 'config.json')).load();
    expect(settings.sources.map((s) => s.name)).toEqual(['Plant']);
    expect(settings.rules.rules.map((r) => r.name)).toEqual(['night']);
    expect(new FileSecretStore(join(target, 'headless-secrets.json')).get(sourceSecretKey('plant', 'password'))).toBe(
      undefined,
    );
  });

  test('--with-secrets seals them with HERALD_CONFIG_PASSPHRASE; the right passphrase brings them back', () => {
    const origin = configuredDir();
    const target = dataDir();
    const file = join(target, 'sealed.json');
    const exported = heraldWith(['config', 'export', '--data-dir', origin, '--with-secrets', '--output', file], {
      HERALD_CONFIG_PASSPHRASE: 'open sesame',
    });
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain(PASSWORD);

    const noPassphrase = heraldWith(['config', 'import', file, '--data-dir', target]);
    expect(noPassphrase.status).toBe(2);
    expect(noPassphrase.stderr).toContain('HERALD_CONFIG_PASSPHRASE');
    const wrong = heraldWith(['config', 'import', file, '--data-dir', target], { HERALD_CONFIG_PASSPHRASE: 'nope' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('the passphrase is wrong');
    expect(existsSync(join(target, 'config.json'))).toBe(false);

    const right = heraldWith(['config', 'import', file, '--data-dir', target], {
      HERALD_CONFIG_PASSPHRASE: 'open sesame',
    });
    expect(right.status, right.stderr).toBe(0);
    expect(right.stdout).toContain('1 secret (passwords, tokens, keys) from the file');
    expect(new FileSecretStore(join(target, 'headless-secrets.json')).get(sourceSecretKey('plant', 'password'))).toBe(
      PASSWORD,
    );
  });

  test('an export without a passphrase for --with-secrets is a usage error (no terminal to ask on)', () => {
    const result = heraldWith(['config', 'export', '--data-dir', configuredDir(), '--with-secrets']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
  });

  test("the embedded broker's ACL goes along, and its users with --with-secrets; import writes them here", () => {
    const origin = configuredDir();
    writeFileSync(join(origin, 'broker-acl'), 'user sensor\ntopic write herald/#\n');
    writeFileSync(join(origin, 'broker-passwords'), 'sensor:$7$101$c2FsdA==$aGFzaA==\n');
    const env = { HERALD_CONFIG_PASSPHRASE: 'open sesame' };
    const exported = heraldWith(['config', 'export', '--data-dir', origin, '--with-secrets'], env);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).not.toContain('$7$');
    const file = join(dataDir(), 'setup.json');
    writeFileSync(file, exported.stdout);

    const target = dataDir();
    const imported = heraldWith(['config', 'import', file, '--data-dir', target], env);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('~ broker ACL (written to the data dir)');
    expect(imported.stdout).toContain('~ broker users (password file, written to the data dir)');
    expect(readFileSync(join(target, 'broker-acl'), 'utf8')).toBe('user sensor\ntopic write herald/#\n');
    expect(readFileSync(join(target, 'broker-passwords'), 'utf8')).toContain('sensor:$7$101$');
  });

  test('a file from a newer Herald is refused and nothing changes', () => {
    const target = dataDir();
    const file = join(target, 'newer.json');
    writeFileSync(file, JSON.stringify({ format: 'herald-config', version: 9, exportedAt: '', settings: {} }));
    const result = heraldWith(['config', 'import', file, '--data-dir', target]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('exported by a newer Herald (format version 9');
    expect(existsSync(join(target, 'config.json'))).toBe(false);
  });
});
