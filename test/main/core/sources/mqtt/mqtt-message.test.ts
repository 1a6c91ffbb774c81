// What Herald keeps of each MQTT message besides its payload, and when a message is recognised as one it
// already has. Against a real Mosquitto (MQTT 5) with a real inbox.
import { Buffer } from 'node:buffer';
import mqtt from 'mqtt';
import { afterEach, beforeAll, afterAll, describe, expect, test } from 'vitest';
import { dedupeKeyOf, textOrHex } from '../../../../../src/main/core/sources/mqtt/mqtt-message.ts';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { startMosquitto, type Mosquitto } from '../../../../helpers/mosquitto.ts';
import { mqttConfig, startSource, type SourceHarness } from '../../../../reliability/helpers/source-harness.ts';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connectedSource(topic: string, protocolVersion: 4 | 5): Promise<SourceHarness> {
  const dir = tempDir();
  const h = startSource(mqttConfig({ url: broker.url, protocolVersion, topics: [{ filter: `${topic}/#`, qos: 2 }] }), {
    dataDir: dir.path,
  });
  cleanups.push(dir.remove, h.stop);
  await eventually('connected', () => h.source.status.state === 'connected');
  return h;
}

async function publisher(protocolVersion: 4 | 5) {
  const client = await mqtt.connectAsync(broker.url, { protocolVersion, reconnectPeriod: 0 });
  cleanups.push(() => client.endAsync());
  return client;
}

describe('MQTT 5 properties', () => {
  test('user properties, content type, expiry, response topic, correlation data and payload format reach the detail view', async () => {
    const h = await connectedSource('props', 5);
    const pub = await publisher(5);
    await pub.publishAsync('props/a', '{"title":"Door"}', {
      qos: 1,
      properties: {
        userProperties: { site: 'Berlin', tags: ['a', 'b'] },
        contentType: 'application/json',
        messageExpiryInterval: 3600,
        responseTopic: 'props/reply',
        correlationData: Buffer.from('req-42'),
        payloadFormatIndicator: true,
      },
    });
    await pub.publishAsync('props/b', 'binary correlation', {
      qos: 0,
      properties: { correlationData: Buffer.from([0, 1, 0xfe]) },
    });
    await eventually('both stored', () => h.rows().length === 2);

    const [first, second] = h.rows();
    const detail = h.store.get(first!.id)!;
    expect(detail.properties).toMatchObject({
      qos: 1,
      retain: false,
      dup: false,
      userProperties: { site: 'Berlin', tags: ['a', 'b'] },
      contentType: 'application/json',
      responseTopic: 'props/reply',
      correlationData: 'req-42',
      payloadFormat: 'UTF-8 text',
    });
    // The broker counts the expiry down while the message waits; it arrives at most as long as it was sent.
    expect(detail.properties!.messageExpiryInterval).toBeGreaterThan(3500);
    expect(h.store.get(second!.id)!.properties).toMatchObject({ qos: 0, correlationData: 'hex:0001fe' });
  });

  test('qos, retain and dup are kept for MQTT 3.1.1 messages too', async () => {
    const pub = await publisher(4);
    await pub.publishAsync('flags/state', 'retained state', { qos: 1, retain: true });
    cleanups.push(() => pub.publishAsync('flags/state', '', { qos: 1, retain: true }));
    const h = await connectedSource('flags', 4);
    await eventually('retained message stored', () => h.rows().length === 1);
    expect(h.store.get(h.rows()[0]!.id)!.properties).toEqual({ qos: 1, retain: true, dup: false });
  });
});

describe('messages that carry an id are stored once', () => {
  test('QoS 1/2 with the same JSON id on the same topic: stored once; other topics and ids are separate', async () => {
    const h = await connectedSource('dedupe', 4);
    const pub = await publisher(4);
    for (const [topic, payload, qos] of [
      ['dedupe/a', '{"id":"m-1","message":"first"}', 1],
      ['dedupe/a', '{"id":"m-1","message":"sent again"}', 2],
      ['dedupe/b', '{"id":"m-1","message":"other topic"}', 1],
      ['dedupe/a', '{"id":7,"message":"numeric id"}', 1],
      ['dedupe/a', '{"message":"no id"}', 1],
      ['dedupe/a', '{"message":"no id"}', 1],
    ] as const) {
      await pub.publishAsync(topic, payload, { qos });
    }
    await pub.publishAsync('dedupe/end', 'end', { qos: 1 });
    await eventually('end marker stored', () => h.rows().some((r) => r.topic === 'dedupe/end'));
    expect(
      h.rows().map((r) => `${r.topic} ${JSON.parse(r.body === 'end' ? '{"message":"end"}' : r.body).message}`),
    ).toEqual([
      'dedupe/a first',
      'dedupe/b other topic',
      'dedupe/a numeric id',
      'dedupe/a no id',
      'dedupe/a no id',
      'dedupe/end end',
    ]);
  });

  test('QoS 0 state messages with an id are never dropped', async () => {
    const h = await connectedSource('state', 4);
    const pub = await publisher(4);
    await pub.publishAsync('state/door', '{"id":"door","state":"open"}', { qos: 0 });
    await pub.publishAsync('state/door', '{"id":"door","state":"closed"}', { qos: 0 });
    await pub.publishAsync('state/door', '{"id":"door","state":"open"}', { qos: 0 });
    await eventually('all three stored', () => h.rows().length === 3, 3000);
  });

  test('MQTT 5: the user property "id" names the message (and wins over a JSON id)', async () => {
    const h = await connectedSource('uprop', 5);
    const pub = await publisher(5);
    await pub.publishAsync('uprop/x', '{"id":"json-1","message":"one"}', {
      qos: 1,
      properties: { userProperties: { id: 'u-1' } },
    });
    await pub.publishAsync('uprop/x', '{"id":"json-2","message":"two"}', {
      qos: 1,
      properties: { userProperties: { id: 'u-1' } },
    });
    await pub.publishAsync('uprop/x', 'plain text', { qos: 1, properties: { userProperties: { id: 'u-2' } } });
    await pub.publishAsync('uprop/x', 'plain text', { qos: 1, properties: { userProperties: { id: 'u-2' } } });
    await pub.publishAsync('uprop/end', 'end', { qos: 1 });
    await eventually('end marker stored', () => h.rows().some((r) => r.topic === 'uprop/end'));
    expect(h.rows().map((r) => r.body)).toEqual(['{"id":"json-1","message":"one"}', 'plain text', 'end']);
  });

  test('the key rule in short', () => {
    const json = (text: string) => Buffer.from(text);
    expect(dedupeKeyOf('t', 1, json('{"id":"a"}'))).toBe('t\u0000a');
    expect(dedupeKeyOf('t', 0, json('{"id":"a"}'))).toBeUndefined();
    expect(dedupeKeyOf('t', 2, json('{"id":""}'))).toBeUndefined();
    expect(dedupeKeyOf('t', 1, json('{"nested":{"id":"a"}}'))).toBeUndefined();
    expect(dedupeKeyOf('t', 1, json('[{"id":"a"}]'))).toBeUndefined();
    expect(dedupeKeyOf('t', 1, json('{"id": 1.5}'))).toBe('t\u00001.5');
    expect(dedupeKeyOf('t', 1, json('not json "id"'))).toBeUndefined();
    expect(dedupeKeyOf('t', 1, json('x'), { id: ['first', 'second'] })).toBe('t\u0000first');
    expect(textOrHex(Buffer.from('tab\tok'))).toBe('tab\tok');
    expect(textOrHex(Buffer.from([0xc3, 0x28]))).toBe('hex:c328');
  });
});
