// MQTT 3.1.1 conformance where aedes alone falls short, with raw packets, mqtt.js and mosquitto's clients.
import { generate, type IConnackPacket, type IConnectPacket, type ISubackPacket } from 'mqtt-packet';
import { describe, expect, test } from 'vitest';
import { connected, mqttClient, nextMessage, rawClient, run, startBroker } from './broker-helpers.ts';

const connect = (fields: {
  clientId: string;
  clean: boolean;
  protocolVersion?: 3 | 4 | 5;
  keepalive?: number;
}): IConnectPacket => ({
  cmd: 'connect' as const,
  protocolId: fields.protocolVersion === 3 ? 'MQIsdp' : 'MQTT',
  protocolVersion: fields.protocolVersion ?? 4,
  clientId: fields.clientId,
  clean: fields.clean,
  keepalive: fields.keepalive ?? 30,
});

describe('zero-length client id [MQTT-3.1.3-7]/[MQTT-3.1.3-8]', () => {
  test('with clean session 1 the broker assigns an id and the client works', async () => {
    const broker = await startBroker();
    const client = await rawClient(broker.port);
    client.send(connect({ clientId: '', clean: true }));
    expect(await client.next('connack')).toMatchObject({ returnCode: 0, sessionPresent: false });
    client.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'zero/id', qos: 1 }] });
    expect(((await client.next('suback')) as ISubackPacket).granted).toEqual([1]);
    client.send({ cmd: 'publish', topic: 'zero/id', payload: Buffer.from('hi'), qos: 0, retain: false, dup: false });
    expect(await client.next('publish')).toMatchObject({ topic: 'zero/id' });
  });

  test('with clean session 0 the broker answers CONNACK 0x02 (identifier rejected) and closes', async () => {
    const broker = await startBroker();
    const client = await rawClient(broker.port);
    // mqtt-packet will not write this CONNECT (it is a client error), so clear the clean-session flag by hand.
    const bytes = generate(connect({ clientId: '', clean: true }));
    const flags = 2 + 6 + 1; // fixed header, "MQTT" with its length, protocol level
    expect(bytes[flags]! & 0x02).toBe(0x02);
    bytes[flags]! &= ~0x02;
    client.socket.write(bytes);
    expect(((await client.next('connack')) as IConnackPacket).returnCode).toBe(0x02);
    expect(await client.closed()).toBe(true);
    expect(broker.refused().at(-1)?.reason).toMatch(/empty client id needs clean session 1/);
  });
});

describe('MQTT 5 clients get an MQTT 5 refusal they can fall back from', () => {
  test('a raw MQTT 5 CONNECT gets CONNACK reason 0x84 in MQTT 5 framing', async () => {
    const broker = await startBroker();
    const client = await rawClient(broker.port, 5);
    client.send(connect({ clientId: 'v5', clean: true, protocolVersion: 5 }));
    expect(await client.closed()).toBe(true);
    // Fixed header 0x20, length 3: flags, reason 0x84, empty property list.
    expect([...client.bytes()]).toEqual([0x20, 3, 0, 0x84, 0]);
  });

  test('mosquitto_sub -V mqttv5 reports "unsupported protocol version"; -V mqttv311 works', async () => {
    const broker = await startBroker();
    const v5 = await run('mosquitto_sub', ['-p', String(broker.port), '-V', 'mqttv5', '-t', 'a', '-W', '2']);
    expect(v5.code).not.toBe(0);
    expect(v5.stderr).toMatch(/unsupported protocol version/i);
    const v311 = await run('mosquitto_pub', ['-p', String(broker.port), '-V', 'mqttv311', '-t', 'a', '-m', 'x']);
    expect(v311.code).toBe(0);
  });

  test('mqtt.js with protocolVersion 5 gets reason code 132 and connects with 4', async () => {
    const broker = await startBroker();
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const v5 = await mqttClient(url, { protocolVersion: 5 });
    expect(v5).toBeInstanceOf(Error);
    expect((v5 as Error & { code?: number }).code).toBe(0x84);
    expect(await mqttClient(url, { protocolVersion: 4 })).not.toBeInstanceOf(Error);
  });
});

describe('SUBACK 0x80 for a subscription the broker will not serve', () => {
  test('a filter deeper than the level limit gets 0x80; the others in the same SUBSCRIBE are granted', async () => {
    const broker = await startBroker({ maxTopicLevels: 4 });
    const client = await rawClient(broker.port);
    client.send(connect({ clientId: 'deep', clean: true }));
    await client.next('connack');
    client.send({
      cmd: 'subscribe',
      messageId: 7,
      subscriptions: [
        { topic: 'a/b', qos: 1 },
        { topic: 'a/b/c/d/e/f', qos: 0 },
        { topic: 'a/#', qos: 2 },
      ],
    });
    expect(((await client.next('suback')) as ISubackPacket).granted).toEqual([1, 0x80, 2]);
    // Still connected and served.
    const publisher = await connected(`mqtt://127.0.0.1:${broker.port}`);
    await publisher.publishAsync('a/b', 'still here');
    expect(await client.next('publish')).toMatchObject({ topic: 'a/b' });
  });
});

describe('limits', () => {
  test('a packet over the size limit drops that client only, before it is buffered, and is logged', async () => {
    const broker = await startBroker({ maxPacketBytes: 4096 });
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const bystander = await connected(url);
    await bystander.subscribeAsync('big/#');
    const raw = await rawClient(broker.port);
    raw.send(connect({ clientId: 'big', clean: true }));
    await raw.next('connack');
    // Announce 10 MB but send only the header: the broker must not wait for (or buffer) the rest.
    raw.socket.write(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x05]));
    expect(await raw.closed()).toBe(true);
    expect(broker.refused().at(-1)).toMatchObject({ reason: expect.stringMatching(/over the limit of 4096/) });
    expect(broker.refused().at(-1)?.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const received = nextMessage(bystander);
    await bystander.publishAsync('big/ok', 'small');
    expect(await received).toMatchObject({ payload: 'small' });
  });

  test('a client that goes silent past 1.5 × its keepalive is dropped and logged', async () => {
    const broker = await startBroker();
    const raw = await rawClient(broker.port);
    raw.send(connect({ clientId: 'sleepy', clean: true, keepalive: 1 }));
    await raw.next('connack');
    const started = Date.now();
    expect(await raw.closed(4000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(broker.refused().map((r) => r.reason)).toContain('keepalive timed out');
  });

  test('with a keepalive limit, 0 and longer keepalives are refused with 0x02', async () => {
    const broker = await startBroker({ maxKeepalive: 60 });
    for (const keepalive of [0, 61]) {
      const raw = await rawClient(broker.port);
      raw.send(connect({ clientId: `k${keepalive}`, clean: true, keepalive }));
      expect(((await raw.next('connack')) as IConnackPacket).returnCode).toBe(0x02);
    }
    const ok = await rawClient(broker.port);
    ok.send(connect({ clientId: 'k60', clean: true, keepalive: 60 }));
    expect(((await ok.next('connack')) as IConnackPacket).returnCode).toBe(0);
  });
});
