// Duplicating and reordering saved sources on a real core: a copy carries the settings and secrets, starts off
// and without the MQTT client id (two clients with one id would throw each other off the broker); the order is
// saved and kept across a restart; a reorder that does not name every saved source once is refused.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { dispatch } from '../../../../src/shared/contract.ts';
import type { AppState, SourceView } from '../../../../src/shared/model.ts';
import { FileSecretStore } from '../../../../src/main/core/settings/file-secret-store.ts';
import { startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';

let dir: ReturnType<typeof tempDir>;
let t: TestCore | undefined;
beforeEach(() => {
  dir = tempDir('herald-order-');
});
afterEach(async () => {
  await t?.stop();
  t = undefined;
  dir.remove();
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const reply = await dispatch(t!.core.handlers, channel, payload);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

const MQTT = {
  kind: 'mqtt',
  name: 'Plant',
  url: 'mqtt://127.0.0.1:1',
  enabled: false,
  group: 'Office',
  clientId: 'desk-7',
  username: 'alice',
  password: 'secret-pw',
  topics: [{ filter: 'plant/#', qos: 1 }],
};

describe('sources', () => {
  test('duplicate copies settings and secrets, off, named "(copy)", without the client id', async () => {
    t = await startTestCore({ dataDir: dir.path, brokerPort: 'off' });
    const plant = await call<SourceView>('sources.add', MQTT);
    const copy = await call<SourceView>('sources.duplicate', { id: plant.id });
    expect(copy).toMatchObject({ name: 'Plant (copy)', enabled: false, group: 'Office', hasPassword: true });
    expect(copy.id).not.toBe(plant.id);
    expect(copy).not.toHaveProperty('clientId');
    const secrets = new FileSecretStore(join(dir.path, 'headless-secrets.json'));
    expect(secrets.get(`source:${copy.id}:password`)).toBe('secret-pw');
    await expect(call('sources.duplicate', { id: 'nope' })).rejects.toThrow(/^not_found/);
  });

  test('reorder saves the order, the list and app state follow it, and it survives a restart', async () => {
    t = await startTestCore({ dataDir: dir.path, brokerPort: 'off' });
    const a = await call<SourceView>('sources.add', { ...MQTT, name: 'A', clientId: undefined });
    const b = await call<SourceView>('sources.add', { ...MQTT, name: 'B', clientId: undefined });
    const ids = (await call<SourceView[]>('sources.list', {})).map((s) => s.id);
    expect(ids).toEqual(['local', a.id, b.id]);
    const reordered = await call<SourceView[]>('sources.reorder', { ids: [b.id, 'local', a.id] });
    expect(reordered.map((s) => s.id)).toEqual([b.id, 'local', a.id]);
    await expect(call('sources.reorder', { ids: [b.id, a.id] })).rejects.toThrow(/^invalid_request: .*every saved/);
    await expect(call('sources.reorder', { ids: [b.id, b.id, a.id] })).rejects.toThrow(/^invalid_request/);
    await t.stop();
    t = await startTestCore({ dataDir: dir.path, brokerPort: 'off' });
    expect((await call<AppState>('app.getState', {})).sources.map((s) => s.id)).toEqual([b.id, 'local', a.id]);
  });

  test('a group is saved with the source and cleared when the form leaves it empty', async () => {
    t = await startTestCore({ dataDir: dir.path, brokerPort: 'off' });
    const plant = await call<SourceView>('sources.add', MQTT);
    expect(plant.group).toBe('Office');
    const { password: _pw, ...withoutSecret } = MQTT;
    const updated = await call<SourceView>('sources.update', { ...withoutSecret, id: plant.id, group: undefined });
    expect(updated.group).toBeUndefined();
  });
});
