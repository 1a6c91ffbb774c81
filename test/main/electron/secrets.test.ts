// Secrets through safeStorage (faked: reversible, never plaintext) into a real electron-store file.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

// See settings-store.test.ts: keeps the real electron package (loaded by electron-store) from downloading.
vi.hoisted(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent-electron-dist';
});
vi.mock('electron', () => import('./fake-electron.ts'));

const fake = await import('./fake-electron.ts');
const { createSafeStorageSecrets } = await import('../../../src/main/electron/safe-storage-secrets.ts');

const PASSWORD = 'hunter2-Sup3r-secret';
let dir: string;
beforeEach(() => {
  fake.resetFake();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  dir = mkdtempSync(join(tmpdir(), 'herald-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const secretsFile = () => readFileSync(join(dir, 'secrets.json'));

describe('safeStorage secret store', () => {
  test('stores only ciphertext: the password bytes never reach the disk, yet it reads back', () => {
    const secrets = createSafeStorageSecrets({ cwd: dir, platform: 'linux' });
    expect(secrets.secure).toBe(true);
    secrets.set('source:a.b:password', PASSWORD);
    const bytes = secretsFile();
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.toString('utf8')).not.toContain('hunter2');
    // Kept under the literal key (no dot-notation nesting), as base64.
    const onDisk = JSON.parse(bytes.toString('utf8'));
    expect(Object.keys(onDisk)).toContain('source:a.b:password');
    expect(onDisk['source:a.b:password']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(createSafeStorageSecrets({ cwd: dir, platform: 'linux' }).get('source:a.b:password')).toBe(PASSWORD);
  });

  test('undefined removes a secret', () => {
    const secrets = createSafeStorageSecrets({ cwd: dir, platform: 'linux' });
    secrets.set('broker:password', PASSWORD);
    secrets.set('broker:password', undefined);
    expect(secrets.get('broker:password')).toBeUndefined();
    expect(JSON.parse(secretsFile().toString('utf8'))).toEqual({});
  });

  test('refuses to store when encryption is unavailable, and writes nothing', () => {
    fake.safeStorage.available = false;
    const secrets = createSafeStorageSecrets({ cwd: dir, platform: 'darwin' });
    expect(secrets.secure).toBe(false);
    expect(() => secrets.set('broker:password', PASSWORD)).toThrow(/keyring/);
    const written = existsSync(join(dir, 'secrets.json')) ? secretsFile().toString('utf8') : '';
    expect(written).not.toContain(PASSWORD);
  });

  test("refuses on Linux when safeStorage falls back to 'basic_text' (a hard-coded key)", () => {
    fake.safeStorage.backend = 'basic_text';
    const secrets = createSafeStorageSecrets({ cwd: dir, platform: 'linux' });
    expect(secrets.secure).toBe(false);
    expect(() => secrets.set('broker:password', PASSWORD)).toThrow(/plain text/);
    // The same backend name means nothing on other platforms.
    expect(createSafeStorageSecrets({ cwd: dir, platform: 'win32' }).secure).toBe(true);
  });

  test('a secret that no longer decrypts reads as missing instead of crashing', () => {
    writeFileSync(
      join(dir, 'secrets.json'),
      JSON.stringify({ 'broker:password': Buffer.from('garbage').toString('base64') }),
    );
    const secrets = createSafeStorageSecrets({ cwd: dir, platform: 'linux' });
    expect(secrets.get('broker:password')).toBeUndefined();
  });

  test('a corrupt secrets file is set aside and reported', () => {
    writeFileSync(join(dir, 'secrets.json'), '{nope');
    const warnings: string[] = [];
    const secrets = createSafeStorageSecrets({ cwd: dir, platform: 'linux', warnings });
    expect(secrets.get('broker:password')).toBeUndefined();
    expect(warnings[0]).toMatch(/secrets\.json\.corrupt-/);
    expect(readdirSync(dir).some((name) => name.startsWith('secrets.json.corrupt-'))).toBe(true);
  });
});
