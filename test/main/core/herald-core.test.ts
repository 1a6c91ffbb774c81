// The core end to end in plain Node: real brokers, real mosquitto_pub, real SQLite files.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { connect } from 'mqtt';
import { dispatch } from '../../../src/shared/contract.ts';
import { startMosquitto, mosquittoPub, mosquittoPubOne, type Mosquitto } from '../../helpers/mosquitto.ts';
import { freePort } from '../../helpers/ports.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../helpers/core.ts';

let mosquitto: Mosquitto;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  mosquitto = await startMosquitto();
});
afterAll(async () => {
  await mosquitto?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function core(options: Parameters<typeof startTestCore>[0] | { brokerPort?: number | 'off' } = {}) {
  const dir = 'dataDir' in options ? null : tempDir();
  const started = await startTestCore({ dataDir: dir?.path ?? (options as { dataDir: string }).dataDir, ...options });
  cleanups.push(() => dir?.remove());
  cleanups.push(() => started.stop());
  return started;
}

function sourceNamed(t: TestCore, name: string) {
  const found = t.core.getState().sources.find((s) => s.name === name);
  if (!found) throw new Error(`no source named ${name}`);
  return found;
}

function payloads(t: TestCore, limit = 500) {
  return dispatch(t.core.handlers, 'inbox.list', { limit });
}

async function allPreviews(t: TestCore): Promise<string[]> {
  const previews: string[] = [];
  let before: number | undefined;
  for (let page = 0; page < 1000; page++) {
    const reply = await dispatch(t.core.handlers, 'inbox.list', { limit: 500, ...(before ? { before } : {}) });
    if (!reply.ok) throw new Error(reply.error.message);
    const value = reply.value as { items: { preview: string }[]; nextBefore: number | null };
    previews.push(...value.items.map((i) => i.preview));
    if (value.nextBefore === null) break;
    before = value.nextBefore;
  }
  return previews;
}

describe('first run on the embedded broker', () => {
  test('listens on 127.0.0.1 and subscribes the default source to herald/#', async () => {
    const port = await freePort();
    const t = await core({ brokerPort: port });
    const state = t.core.getState();
    expect(state.broker).toMatchObject({ running: true, host: '127.0.0.1', port, lan: false });
    expect(state.sources).toHaveLength(1);
    expect(state.sources[0]).toMatchObject({ id: 'local', embedded: true, url: `mqtt://127.0.0.1:${port}` });
    expect(state.sources[0]).toMatchObject({ kind: 'mqtt', topics: [{ filter: 'herald/#', qos: 1 }] });
    await eventually('default source connected', () => t.core.getState().sources[0]!.status.state === 'connected');
  });

  test('a message published with mosquitto_pub is in the inbox at once, unread', async () => {
    const port = await freePort();
    const t = await core({ brokerPort: port });
    await eventually('connected', () => t.core.getState().sources[0]!.status.state === 'connected');
    await mosquittoPubOne(port, 'herald/demo', 'Hello');
    await eventually('message stored', () => t.core.getState().total === 1);
    const reply = await payloads(t);
    expect(reply.ok && reply.value).toMatchObject({
      items: [
        { topic: 'herald/demo', title: 'herald/demo', preview: 'Hello', read: false, sourceName: 'Local broker' },
      ],
    });
    expect(t.core.getState().unread).toBe(1);
  });

  test('2,000 QoS 1 messages are stored exactly once each', async () => {
    const port = await freePort();
    const t = await core({ brokerPort: port });
    await eventually('connected', () => t.core.getState().sources[0]!.status.state === 'connected');
    const sent = Array.from({ length: 2000 }, (_, i) => `message ${i}`);
    await mosquittoPub(port, 'herald/load', sent, 1);
    await eventually('all stored', () => t.core.getState().total >= 2000);
    const stored = await allPreviews(t);
    expect(stored).toHaveLength(2000);
    expect(new Set(stored)).toEqual(new Set(sent));
    expect(t.core.getState().unread).toBe(2000);
  });

  test('takes another port when the preferred one is busy, says so, and the default source follows it', async () => {
    const busy = await startMosquitto();
    cleanups.push(() => busy.stop());
    const t = await core({ brokerPort: busy.port });
    const { broker, sources } = t.core.getState();
    expect(broker.running).toBe(true);
    expect(broker.port).not.toBe(busy.port);
    expect(broker.error).toContain(`port ${busy.port} was taken`);
    expect(sources[0]!.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
    await eventually('connected to the moved broker', () => t.core.getState().sources[0]!.status.state === 'connected');
  });
});

describe('against a real Mosquitto', () => {
  test('stores every message of a QoS 0 and a QoS 1 stream once, and counts unread', async () => {
    const t = await core({ brokerPort: 'off' });
    const added = await dispatch(t.core.handlers, 'sources.add', {
      kind: 'mqtt',
      name: 'Office',
      url: mosquitto.url,
      topics: [{ filter: 'office/#', qos: 1 }],
    });
    expect(added.ok).toBe(true);
    await eventually('connected', () => sourceNamed(t, 'Office').status.state === 'connected');
    const q0 = Array.from({ length: 1500 }, (_, i) => `q0-${i}`);
    const q1 = Array.from({ length: 1500 }, (_, i) => `q1-${i}`);
    await mosquittoPub(mosquitto.port, 'office/a', q0, 0);
    await mosquittoPub(mosquitto.port, 'office/b', q1, 1);
    await eventually('3000 stored', () => t.core.getState().total >= 3000);
    const stored = await allPreviews(t);
    expect(stored.length).toBe(3000);
    expect(new Set(stored)).toEqual(new Set([...q0, ...q1]));
    const read = await dispatch(t.core.handlers, 'inbox.markAllRead', {});
    expect(read).toEqual({ ok: true, value: { unread: 0, marked: 3000 } });
  });

  test('a restart keeps the inbox, read marks and sources', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const first = await startTestCore({ dataDir: dir.path, brokerPort: 'off' });
    await dispatch(first.core.handlers, 'sources.add', {
      kind: 'mqtt',
      name: 'Office',
      url: mosquitto.url,
      topics: [{ filter: 'keep/#', qos: 1 }],
    });
    await eventually('connected', () => sourceNamed(first, 'Office').status.state === 'connected');
    await mosquittoPub(mosquitto.port, 'keep/x', ['one', 'two', 'three'], 1);
    await eventually('stored', () => first.core.getState().total === 3);
    const list = await dispatch(first.core.handlers, 'inbox.list', { limit: 10 });
    const newest = (list.ok && (list.value as { items: { id: number }[] }).items[0]!.id) as number;
    await dispatch(first.core.handlers, 'inbox.markRead', { ids: [newest] });
    await first.stop();

    const second = await startTestCore({ dataDir: dir.path, brokerPort: 'off' });
    cleanups.push(() => second.stop());
    expect(second.core.getState()).toMatchObject({ total: 3, unread: 2 });
    expect(second.core.getState().sources.map((s) => s.name)).toEqual(['Local broker', 'Office']);
    expect(await allPreviews(second)).toEqual(['three', 'two', 'one']);
  });

  test('an unreachable broker shows "reconnecting" with the cause', async () => {
    const t = await core({ brokerPort: 'off' });
    const closedPort = await freePort();
    await dispatch(t.core.handlers, 'sources.add', {
      kind: 'mqtt',
      name: 'Nowhere',
      url: `mqtt://127.0.0.1:${closedPort}`,
      topics: [{ filter: '#', qos: 0 }],
    });
    const status = await eventually('reconnecting', () => {
      const s = sourceNamed(t, 'Nowhere').status;
      return s.state === 'reconnecting' && s.error ? s : null;
    });
    expect(status.error).toContain('connection refused');
    expect(status.error).toContain(String(closedPort));
  });

  test('wrong credentials stop the retries and say why', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    execFileSync('mosquitto_passwd', ['-b', '-c', `${dir.path}/passwd`, 'alice', 'right-password']);
    const secured = await startMosquitto({
      extraConfig: ['allow_anonymous false', `password_file ${dir.path}/passwd`],
    });
    cleanups.push(() => secured.stop());
    const t = await core({ brokerPort: 'off' });
    await dispatch(t.core.handlers, 'sources.add', {
      kind: 'mqtt',
      name: 'Secured',
      url: secured.url,
      username: 'alice',
      password: 'wrong-password',
      topics: [{ filter: '#', qos: 0 }],
    });
    const status = await eventually('error', () => {
      const s = sourceNamed(t, 'Secured').status;
      return s.state === 'error' ? s : null;
    });
    expect(status.error).toMatch(/not authori[sz]ed/i);
    const view = sourceNamed(t, 'Secured');
    expect(view.hasPassword).toBe(true);
    expect(JSON.stringify(view)).not.toContain('wrong-password');

    const fixed = await dispatch(t.core.handlers, 'sources.update', {
      kind: 'mqtt',
      id: view.id,
      name: 'Secured',
      url: secured.url,
      username: 'alice',
      password: 'right-password',
      topics: [{ filter: '#', qos: 0 }],
    });
    expect(fixed.ok).toBe(true);
    await eventually('connected', () => sourceNamed(t, 'Secured').status.state === 'connected');
  });
});

describe('sources through the contract', () => {
  test('a malformed broker URL is refused with the reason and nothing is saved', async () => {
    const t = await core({ brokerPort: 'off' });
    const before = t.core.getState().sources;
    for (const [url, reason] of [
      ['http//nope', 'not a URL'],
      ['http://broker.example', 'unsupported scheme "http"'],
      ['mqtt://user:pw@broker.example', 'own fields'],
    ]) {
      const reply = await dispatch(t.core.handlers, 'sources.add', {
        kind: 'mqtt',
        name: 'Bad',
        url,
        topics: [{ filter: '#', qos: 0 }],
      });
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('invalid_request');
        expect(reply.error.message).toContain(reason);
      }
    }
    expect(t.core.getState().sources).toEqual(before);
  });

  test('malformed commands are refused with a clear error and never reach a handler', async () => {
    const t = await core({ brokerPort: 'off' });
    expect(await dispatch(t.core.handlers, 'inbox.drop', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_command', message: 'unknown command "inbox.drop"' },
    });
    const wrongType = await dispatch(t.core.handlers, 'inbox.markRead', { ids: ['1'] });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!wrongType.ok && wrongType.error.message).toMatch(/^inbox\.markRead: ids\.0: /);
    expect(await dispatch(t.core.handlers, 'inbox.list', { limit: 10, sql: 'DROP TABLE' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await dispatch(t.core.handlers, 'inbox.list', { limit: 100000 })).toMatchObject({ ok: false });
    expect(await dispatch(t.core.handlers, 'sources.remove', { id: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('bad payloads', () => {
  test('invalid UTF-8 is stored and shown as hex; a 16 MB payload is stored capped and marked truncated', async () => {
    const port = await freePort();
    const t = await core({ brokerPort: port });
    await eventually('connected', () => t.core.getState().sources[0]!.status.state === 'connected');
    await mosquittoPubOne(port, 'herald/bin', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0xff, 0x00]));
    await mosquittoPubOne(port, 'herald/huge', Buffer.alloc(16 * 1024 * 1024, 'x'));
    await mosquittoPubOne(port, 'herald/after', 'still alive');
    await eventually('three stored', () => t.core.getState().total === 3, 20_000);
    const list = await dispatch(t.core.handlers, 'inbox.list', { limit: 10 });
    const items = list.ok ? (list.value as { items: { id: number; topic: string }[] }).items : [];
    const byTopic = Object.fromEntries(items.map((i) => [i.topic, i]));
    const binary = await dispatch(t.core.handlers, 'inbox.get', { id: byTopic['herald/bin']!.id });
    expect(binary.ok && binary.value).toMatchObject({ bodyKind: 'binary', size: 6 });
    expect(binary.ok && (binary.value as { body: string }).body).toContain('de ad be ef ff 00');
    const huge = await dispatch(t.core.handlers, 'inbox.get', { id: byTopic['herald/huge']!.id });
    expect(huge.ok && huge.value).toMatchObject({ truncated: true, size: 16 * 1024 * 1024 });
    expect(huge.ok && (huge.value as { body: string }).body.length).toBe(256 * 1024);
  });
});

describe('notifications and UI updates', () => {
  test('one message gives one notification; a burst gives one summary', async () => {
    const port = await freePort();
    const t = await core({ brokerPort: port });
    await eventually('connected', () => t.core.getState().sources[0]!.status.state === 'connected');
    await mosquittoPubOne(
      port,
      'herald/door',
      JSON.stringify({ title: 'Door', message: 'Front door open', priority: 4 }),
    );
    const [single] = await eventually('notification', () =>
      t.eventsOf('notify').length ? t.eventsOf('notify') : null,
    );
    expect(single).toMatchObject({ title: 'Door', body: 'Front door open', priority: 4, count: 1, sourceId: 'local' });
    expect(single!.messageId).toBeTypeOf('number');

    await mosquittoPub(
      port,
      'herald/burst',
      Array.from({ length: 12 }, (_, i) => `alert ${i}`),
      1,
    );
    const notes = await eventually('summary', () => (t.eventsOf('notify').length === 2 ? t.eventsOf('notify') : null));
    expect(notes[1]).toMatchObject({ title: '12 new messages from Local broker', count: 12 });
    expect(notes[1]!.messageId).toBeUndefined();
    await new Promise((r) => setTimeout(r, 800));
    expect(t.eventsOf('notify')).toHaveLength(2);
  });

  test('paused notifications show nothing but the inbox still fills', async () => {
    const port = await freePort();
    const t = await core({ brokerPort: port });
    await dispatch(t.core.handlers, 'notifications.setPaused', { paused: true });
    await eventually('connected', () => t.core.getState().sources[0]!.status.state === 'connected');
    await mosquittoPubOne(port, 'herald/quiet', 'shh');
    await eventually('stored', () => t.core.getState().total === 1);
    await new Promise((r) => setTimeout(r, 800));
    expect(t.eventsOf('notify')).toHaveLength(0);
    expect(t.core.getState().paused).toBe(true);
  });

  test('5,000 messages reach the UI in a handful of batched inbox.changed events', async () => {
    const port = await freePort();
    const t = await core({ brokerPort: port });
    await eventually('connected', () => t.core.getState().sources[0]!.status.state === 'connected');
    await mosquittoPub(
      port,
      'herald/many',
      Array.from({ length: 5000 }, (_, i) => `m${i}`),
      0,
    );
    await eventually('stored', () => t.core.getState().total === 5000);
    await eventually('last event', () => t.eventsOf('inbox.changed').at(-1)?.total === 5000);
    const changes = t.eventsOf('inbox.changed');
    expect(changes.reduce((sum, c) => sum + c.addedCount, 0)).toBe(5000);
    expect(changes.length).toBeLessThan(100);
    expect(Math.max(...changes.map((c) => c.added.length))).toBeLessThanOrEqual(200);
  });
});

describe('the embedded broker on the LAN', () => {
  test('refuses to open to the LAN without credentials, and checks them when set', async () => {
    const { startEmbeddedBroker } = await import('../../../src/main/core/broker/embedded-broker.ts');
    await expect(startEmbeddedBroker({ port: await freePort(), lan: true })).rejects.toThrow(/username and password/);
    const broker = await startEmbeddedBroker({
      port: await freePort(),
      lan: true,
      username: 'hub',
      password: 's3cret',
    });
    cleanups.push(() => broker.close());
    expect(broker.host).toBe('0.0.0.0');
    const attempt = (password: string) =>
      new Promise<string>((resolve) => {
        const client = connect(`mqtt://127.0.0.1:${broker.port}`, { username: 'hub', password, reconnectPeriod: 0 });
        client.once('connect', () => {
          client.end(true);
          resolve('connected');
        });
        client.once('error', (err) => {
          client.end(true);
          resolve(err.message);
        });
      });
    expect(await attempt('wrong')).toMatch(/not authori[sz]ed/i);
    expect(await attempt('s3cret')).toBe('connected');
  });
});
