// Export and import of the whole setup through the contract, between two real cores: plain exports never carry
// a secret, sealed ones bring them back with the right passphrase only, a preview changes nothing, and a
// document from a newer Herald is refused clearly.
import { describe, expect, test } from 'vitest';
import { FileSecretStore } from '../../../../src/main/core/settings/file-secret-store.ts';
import { sourceSecretKey } from '../../../../src/main/core/settings/types.ts';
import type { TestCore } from '../../../helpers/core.ts';
import { call, core, refusal } from './transfer-helpers.ts';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const PASSWORD = 'correct-horse-battery-staple';
const TOKEN = 'tk_live_1234567890';

/** A core with two sources carrying secrets and a rule. */
async function configured(): Promise<{ origin: TestCore; mqttId: string; ntfyId: string }> {
  const origin = await core();
  const mqtt = await call(origin, 'sources.add', {
    kind: 'mqtt',
    name: 'Plant',
    url: 'mqtt://plant.example:1883',
    username: 'ops',
    password: PASSWORD,
    topics: [{ filter: 'plant/#', qos: 1 }],
    enabled: false,
  });
  const ntfy = await call(origin, 'sources.add', {
    kind: 'ntfy',
    name: 'Backups',
    url: 'https://ntfy.example',
    topics: ['backups'],
    token: TOKEN,
    enabled: false,
  });
  await call(origin, 'rules.mute', { topic: 'plant/noise/#' });
  return { origin, mqttId: mqtt.id, ntfyId: ntfy.id };
}

function secretsOf(target: TestCore) {
  return new FileSecretStore(join(target.dataDir, 'headless-secrets.json'));
}

describe('config export and import', () => {
  test('a plain export carries no secret; imported, it recreates sources and rules, without passwords', async () => {
    const { origin, mqttId } = await configured();
    const { document } = await call(origin, 'config.export', {});
    expect(document).not.toContain(PASSWORD);
    expect(document).not.toContain(TOKEN);
    expect(JSON.parse(document)).toMatchObject({ format: 'herald-config', version: 1 });

    const target = await core();
    const { preview } = await call(target, 'config.import', { document });
    expect(preview.sources.added).toEqual(['Plant (mqtt://plant.example:1883)', 'Backups (https://ntfy.example)']);
    expect(preview.sources.removed).toEqual([]);
    expect(preview.rules.added).toEqual(['Mute plant/noise/#']);
    expect(preview.secrets).toBe(0);
    const sources = await call(target, 'sources.list', {});
    expect(sources.map((s) => s.name)).toEqual(['Local broker', 'Plant', 'Backups']);
    expect(sources.find((s) => s.id === mqttId)).toMatchObject({ username: 'ops', hasPassword: false });
    expect((await call(target, 'rules.get', {})).document.rules.map((r) => r.name)).toEqual(['Mute plant/noise/#']);
    expect(readFileSync(join(target.dataDir, 'config.json'), 'utf8')).toContain('plant.example');
  });

  test('an export sealed with a passphrase brings the secrets back, with that passphrase only', async () => {
    const { origin, mqttId, ntfyId } = await configured();
    const { document } = await call(origin, 'config.export', { passphrase: 'open sesame' });
    expect(document).not.toContain(PASSWORD);
    expect(document).not.toContain(TOKEN);
    expect(JSON.parse(document).secrets).toMatchObject({ kdf: 'scrypt', cipher: 'aes-256-gcm' });

    const target = await core();
    expect(await refusal(target, 'config.import', { document })).toMatch(/invalid_request: .*encrypted secrets/);
    const wrong = await refusal(target, 'config.import', { document, passphrase: 'open barley' });
    expect(wrong).toMatch(/invalid_request: the passphrase is wrong/);
    expect((await call(target, 'sources.list', {})).map((s) => s.name)).toEqual(['Local broker']);

    const { preview } = await call(target, 'config.import', { document, passphrase: 'open sesame' });
    expect(preview.secrets).toBe(2);
    expect(secretsOf(target).get(sourceSecretKey(mqttId, 'password'))).toBe(PASSWORD);
    expect(secretsOf(target).get(sourceSecretKey(ntfyId, 'token'))).toBe(TOKEN);
    expect((await call(target, 'sources.list', {})).find((s) => s.id === ntfyId)?.hasToken).toBe(true);
  });

  test('a plain re-import keeps the saved secrets of sources it keeps, and forgets those it removes', async () => {
    const { origin, mqttId, ntfyId } = await configured();
    const { document } = await call(origin, 'config.export', {});
    await call(origin, 'sources.remove', { id: ntfyId });
    const reduced = (await call(origin, 'config.export', {})).document;
    await call(origin, 'config.import', { document });
    expect(secretsOf(origin).get(sourceSecretKey(mqttId, 'password'))).toBe(PASSWORD);
    // Back with the full document, the ntfy source has no token until one is set again.
    await call(origin, 'sources.update', {
      id: ntfyId,
      kind: 'ntfy',
      name: 'Backups',
      url: 'https://ntfy.example',
      topics: ['backups'],
      token: 'new-token',
    });
    expect(secretsOf(origin).get(sourceSecretKey(ntfyId, 'token'))).toBe('new-token');
    const { preview } = await call(origin, 'config.import', { document: reduced });
    expect(preview.sources.removed).toEqual(['Backups (https://ntfy.example)']);
    expect(secretsOf(origin).get(sourceSecretKey(ntfyId, 'token'))).toBeUndefined();
    expect(secretsOf(origin).get(sourceSecretKey(mqttId, 'password'))).toBe(PASSWORD);
  });

  test('a preview says what would change and changes nothing', async () => {
    const { origin } = await configured();
    const target = await core();
    await call(target, 'sources.add', {
      kind: 'mqtt',
      name: 'Lab',
      url: 'mqtt://lab.example:1883',
      topics: [{ filter: 'lab/#', qos: 0 }],
      enabled: false,
    });
    await call(target, 'notifications.setPaused', { paused: true });
    const before = readFileSync(join(target.dataDir, 'config.json'), 'utf8');
    const { document } = await call(origin, 'config.export', {});
    const preview = await call(target, 'config.previewImport', { document });
    expect(preview.sources).toEqual({
      added: ['Plant (mqtt://plant.example:1883)', 'Backups (https://ntfy.example)'],
      changed: [],
      removed: ['Lab (mqtt://lab.example:1883)'],
    });
    expect(preview.settings).toEqual(['notifications']);
    expect(readFileSync(join(target.dataDir, 'config.json'), 'utf8')).toBe(before);
    expect((await call(target, 'sources.list', {})).map((s) => s.name)).toEqual(['Local broker', 'Lab']);
  });

  test('a document from a newer Herald, or not an export at all, is refused clearly', async () => {
    const target = await core();
    const newer = JSON.stringify({ format: 'herald-config', version: 2, exportedAt: '', settings: {} });
    expect(await refusal(target, 'config.import', { document: newer })).toMatch(
      /exported by a newer Herald \(format version 2; this one reads up to 1\); update Herald/,
    );
    expect(await refusal(target, 'config.previewImport', { document: '{"sources": []}' })).toMatch(
      /not a Herald setup export/,
    );
    const badSettings = JSON.stringify({
      format: 'herald-config',
      version: 1,
      exportedAt: '',
      settings: { broker: { port: 0 } },
    });
    expect(await refusal(target, 'config.import', { document: badSettings })).toMatch(
      /settings are invalid: broker\.port/,
    );
  });
});
