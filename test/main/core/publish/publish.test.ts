// Publishing through the real core, as the Publish panel and `herald publish` do: to a real Mosquitto (checked
// with mosquitto_sub), to a real WebSocket server, queued while a source is offline and sent in order when it
// is back, refused with a reason when the queue is full, the topic is invalid or the kind cannot send.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { dispatch } from '../../../../src/shared/contract.ts';
import type { PublishHistoryEntry, PublishResult } from '../../../../src/shared/publish.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../helpers/core.ts';
import { startMosquitto, type Mosquitto } from '../../../helpers/mosquitto.ts';
import { mosquittoSub } from '../../../helpers/mosquitto-sub.ts';
import { frameText } from '../../../helpers/ws.ts';
import { startTcpProxy } from '../../../e2e/tcp-proxy.ts';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function call<T>(t: TestCore, channel: string, payload: unknown): Promise<T> {
  const reply = await dispatch(t.core.handlers, channel, payload);
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as T;
}

async function refusal(t: TestCore, channel: string, payload: unknown): Promise<string> {
  const reply = await dispatch(t.core.handlers, channel, payload);
  if (reply.ok) throw new Error(`${channel} was accepted: ${JSON.stringify(reply.value)}`);
  return reply.error.message;
}

/** A core whose only sources are the ones given; returns it with a lookup of their ids by name. */
async function core(sources: Record<string, unknown>[], dataDir?: string) {
  let dir = dataDir;
  if (!dir) {
    const temp = tempDir();
    cleanups.push(() => temp.remove());
    dir = temp.path;
  }
  const t = await startTestCore({ dataDir: dir, brokerPort: 'off', extraSources: sources as never });
  cleanups.push(() => t.stop());
  const source = (name: string) => t.core.getState().sources.find((s) => s.name === name)!;
  for (const s of sources) {
    if (s.kind !== 'sse')
      await eventually(`${String(s.name)} connected`, () => source(String(s.name)).status.state === 'connected');
  }
  return { t, source, id: (name: string) => source(name).id };
}

const mqttSource = (name: string, url: string, extra: Record<string, unknown> = {}) => ({
  kind: 'mqtt',
  name,
  url,
  topics: [{ filter: 'herald-test/in', qos: 1 }],
  ...extra,
});

describe('publishing to MQTT', () => {
  test('QoS 0/1/2 reach the broker with topic, payload and QoS; a retained message is kept by the broker', async () => {
    const { t, id } = await core([mqttSource('Broker', broker.url)]);
    const sub = await mosquittoSub(broker.port, 'pub/#');
    for (const qos of [0, 1, 2] as const) {
      const result = await call<PublishResult>(t, 'publish.send', {
        sourceId: id('Broker'),
        topic: `pub/q${qos}`,
        payload: `hello at ${qos}`,
        qos,
      });
      expect(result).toEqual({ outcome: 'sent', queued: 0 });
    }
    const got = await sub.waitFor(3);
    expect(got.map(({ topic, qos, payload }) => ({ topic, qos, payload }))).toEqual([
      { topic: 'pub/q0', qos: 0, payload: 'hello at 0' },
      { topic: 'pub/q1', qos: 1, payload: 'hello at 1' },
      { topic: 'pub/q2', qos: 2, payload: 'hello at 2' },
    ]);

    await call(t, 'publish.send', {
      sourceId: id('Broker'),
      topic: 'retained/door',
      payload: 'open',
      qos: 1,
      retain: true,
    });
    // A subscriber that comes later gets it from the broker, flagged as retained.
    const late = await mosquittoSub(broker.port, 'retained/door');
    const [kept] = await late.waitFor(1);
    expect(kept).toMatchObject({ topic: 'retained/door', payload: 'open', retain: true, qos: 1 });
    await call(t, 'publish.send', { sourceId: id('Broker'), topic: 'retained/door', payload: '', retain: true });
  });

  test('MQTT 5 properties go to an MQTT 5 broker; on MQTT 3.1.1 they are dropped with a note', async () => {
    const { t, id } = await core([
      // Different subscriptions: a command-line source's id follows from what it listens to.
      mqttSource('Five', broker.url, { protocolVersion: 5, topics: [{ filter: 'herald-test/five', qos: 0 }] }),
      mqttSource('Four', broker.url, { protocolVersion: 4 }),
    ]);
    const sub = await mosquittoSub(broker.port, 'props/#', { v5: true });
    const properties = { contentType: 'text/plain', userProperties: { room: 'hall' } };
    const five = await call<PublishResult>(t, 'publish.send', {
      sourceId: id('Five'),
      topic: 'props/five',
      payload: 'v5',
      qos: 1,
      properties,
    });
    expect(five.note).toBeUndefined();
    const four = await call<PublishResult>(t, 'publish.send', {
      sourceId: id('Four'),
      topic: 'props/four',
      payload: 'v4',
      qos: 1,
      properties,
    });
    expect(four.note).toMatch(/MQTT 5 properties were not sent/);
    const got = await sub.waitFor(2);
    expect(got[0]).toMatchObject({ topic: 'props/five', contentType: 'text/plain' });
    expect(got[0]!.userProperties).toContain('room');
    expect(got[1]).toMatchObject({ topic: 'props/four', contentType: '' });
    expect(got[1]!.userProperties).not.toContain('room');
  });

  test('an invalid topic, an oversized payload or a kind that cannot send is refused with the reason', async () => {
    const { t, id } = await core([
      mqttSource('Broker', broker.url),
      { kind: 'sse', name: 'Events', url: 'http://127.0.0.1:9/events' },
    ]);
    const send = (extra: Record<string, unknown>) =>
      refusal(t, 'publish.send', { sourceId: id('Broker'), topic: 'ok/topic', payload: 'x', ...extra });
    expect(await send({ topic: '' })).toMatch(/the topic is empty/);
    expect(await send({ topic: 'a/+/b' })).toMatch(/wildcard/);
    expect(await send({ topic: 'a/#' })).toMatch(/wildcard/);
    // 9 M two-byte characters: within the request's length, over the 16 MiB byte limit.
    expect(await send({ payload: 'é'.repeat(9 * 1024 * 1024) })).toMatch(
      /payload is 18 MiB; Herald publishes at most 16 MiB/,
    );
    expect(await refusal(t, 'publish.send', { sourceId: id('Events'), topic: 'x', payload: 'x' })).toMatch(
      /Events is a Server-Sent Events source; Herald can publish only to MQTT and WebSocket sources/,
    );
    expect(await refusal(t, 'publish.send', { sourceId: 'nope', topic: 'x', payload: 'x' })).toMatch(/not found/);
    // Refusals of a bad request are not publishes: the history stays empty.
    expect((await call<{ entries: unknown[] }>(t, 'publish.history', {})).entries).toEqual([]);
  });

  test('offline: publishes are queued (count in the status), then sent in order on reconnect', async () => {
    const proxy = await startTcpProxy(broker.port);
    cleanups.push(() => proxy.close());
    const { t, id, source } = await core([mqttSource('Flaky', `mqtt://127.0.0.1:${proxy.port}`)]);
    const sub = await mosquittoSub(broker.port, 'queue/#');
    await proxy.cut();
    await eventually('offline', () => source('Flaky').status.state !== 'connected');
    const results: PublishResult[] = [];
    for (const text of ['one', 'two', 'three']) {
      results.push(await call(t, 'publish.send', { sourceId: id('Flaky'), topic: 'queue/x', payload: text, qos: 1 }));
    }
    expect(results.map((r) => [r.outcome, r.queued])).toEqual([
      ['queued', 1],
      ['queued', 2],
      ['queued', 3],
    ]);
    await eventually('queued count shown', () => source('Flaky').status.queued === 3);
    const history = await call<{ entries: PublishHistoryEntry[] }>(t, 'publish.history', {});
    expect(history.entries.map((e) => [e.payload, e.outcome])).toEqual([
      ['three', 'queued'],
      ['two', 'queued'],
      ['one', 'queued'],
    ]);

    await proxy.restore();
    await call(t, 'sources.reconnect', { id: id('Flaky') });
    const got = await sub.waitFor(3);
    expect(got.map((m) => m.payload)).toEqual(['one', 'two', 'three']);
    await eventually('queue empty', () => source('Flaky').status.queued === undefined);
    const after = await call<{ entries: PublishHistoryEntry[] }>(t, 'publish.history', {});
    expect(after.entries.map((e) => e.outcome)).toEqual(['sent', 'sent', 'sent']);
  });

  test('a full queue refuses the next publish with the reason; nothing queued is lost', async () => {
    const proxy = await startTcpProxy(broker.port);
    cleanups.push(() => proxy.close());
    const { t, id, source } = await core([mqttSource('Flaky', `mqtt://127.0.0.1:${proxy.port}`)]);
    await proxy.cut();
    await eventually('offline', () => source('Flaky').status.state !== 'connected');
    for (let i = 1; i <= 100; i++) {
      const result = await call<PublishResult>(t, 'publish.send', {
        sourceId: id('Flaky'),
        topic: 'full/x',
        payload: `${i}`,
      });
      expect(result.queued).toBe(i);
    }
    expect(await refusal(t, 'publish.send', { sourceId: id('Flaky'), topic: 'full/x', payload: '101' })).toMatch(
      /not published: Flaky is offline and 100 publishes already wait for it/,
    );
    const history = await call<{ entries: PublishHistoryEntry[] }>(t, 'publish.history', {});
    expect(history.entries[0]).toMatchObject({ payload: '101', outcome: 'failed' });
    expect(history.entries).toHaveLength(50);
  });
});

describe('publishing to a WebSocket source', () => {
  test('the payload arrives at the server as one text frame', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    const frames: { text: string; binary: boolean }[] = [];
    wss.on('connection', (ws) => ws.on('message', (data, binary) => frames.push({ text: frameText(data), binary })));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          for (const client of wss.clients) client.terminate();
          wss.close(() => r());
        }),
    );
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/push`;
    const { t, id } = await core([{ kind: 'websocket', name: 'Push', url }]);
    const result = await call<PublishResult>(t, 'publish.send', {
      sourceId: id('Push'),
      payload: '{"command":"ring"}',
    });
    expect(result.outcome).toBe('sent');
    await eventually('frame received', () => frames.length === 1);
    expect(frames).toEqual([{ text: '{"command":"ring"}', binary: false }]);
  });
});

describe('saved buttons', () => {
  test('a button expands its template, asks for {{input}}, and the history survives a restart', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const first = await core([mqttSource('Broker', broker.url)], dir.path);
    const sub = await mosquittoSub(broker.port, 'buttons/#');
    const saved = await call<{ id: string }>(first.t, 'publish.buttons.save', {
      name: 'Set level',
      sourceId: first.id('Broker'),
      topic: 'buttons/level',
      payload: '{"level":{{input}},"at":"{{timestamp}}","id":"{{uuid}}"}',
      qos: 1,
    });
    expect(await refusal(first.t, 'publish.buttons.press', { id: saved.id })).toMatch(/asks for a value/);
    const pressed = await call<PublishResult & { payload: string }>(first.t, 'publish.buttons.press', {
      id: saved.id,
      input: '42',
    });
    expect(pressed.outcome).toBe('sent');
    const [got] = await sub.waitFor(1);
    const body = JSON.parse(got!.payload) as { level: number; at: string; id: string };
    expect(body.level).toBe(42);
    expect(new Date(body.at).toISOString()).toBe(body.at);
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(got!.payload).toBe(pressed.payload);
    expect(
      await refusal(first.t, 'publish.buttons.save', { name: 'Bad', sourceId: first.id('Broker'), topic: 'a/#' }),
    ).toMatch(/wildcard/);
    await first.t.stop();

    const second = await core([mqttSource('Broker', broker.url)], dir.path);
    const { buttons } = await call<{ buttons: { name: string }[] }>(second.t, 'publish.buttons.list', {});
    expect(buttons.map((b) => b.name)).toEqual(['Set level']);
    const history = await call<{ entries: PublishHistoryEntry[] }>(second.t, 'publish.history', {});
    expect(history.entries).toHaveLength(1);
    expect(history.entries[0]).toMatchObject({ topic: 'buttons/level', outcome: 'sent', buttonId: saved.id });
    await call(second.t, 'publish.buttons.remove', { id: saved.id });
    expect((await call<{ buttons: unknown[] }>(second.t, 'publish.buttons.list', {})).buttons).toEqual([]);
  });

  test('topic completion offers topics seen in messages and publishes, most recent first', async () => {
    const { t, id } = await core([mqttSource('Broker', broker.url, { topics: [{ filter: 'seen/#', qos: 0 }] })]);
    await call(t, 'publish.send', { sourceId: id('Broker'), topic: 'seen/kitchen/light', payload: 'on' });
    await call(t, 'publish.send', { sourceId: id('Broker'), topic: 'other/thing', payload: 'x' });
    const topics = await eventually('topics', async () => {
      const reply = await call<{ topics: string[] }>(t, 'publish.topics', { prefix: 'seen/' });
      return reply.topics.length ? reply.topics : null;
    });
    expect(topics).toEqual(['seen/kitchen/light']);
    const all = await call<{ topics: string[] }>(t, 'publish.topics', { sourceId: id('Broker') });
    expect([...all.topics].sort()).toEqual(['other/thing', 'seen/kitchen/light']);
  });
});
