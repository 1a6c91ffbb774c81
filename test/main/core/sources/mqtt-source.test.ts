// The MQTT source's delivery promise: a QoS 1 message is acknowledged to the broker only after the pipeline
// committed it, while later messages keep flowing in the meantime.
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { afterEach, describe, expect, test } from 'vitest';
import { MqttSource, type IncomingMessage } from '../../../../src/main/core/sources/mqtt-source.ts';
import { eventually } from '../../../helpers/core.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function broker(): Promise<{ aedes: Aedes; port: number }> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer({ noDelay: true }, aedes.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stops.push(async () => {
    await new Promise<void>((r) => aedes.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
  });
  const address = server.address();
  return { aedes, port: typeof address === 'object' && address ? address.port : 0 };
}

async function publisher(port: number) {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0 });
  stops.push(() => client.endAsync());
  return client;
}

describe('acknowledge after commit', () => {
  test('PUBACK waits for the commit, and the next messages are received meanwhile', async () => {
    const { aedes, port } = await broker();
    // aedes 1.2 reports which client acknowledged, not which packet (the packet argument is undefined).
    let acked = 0;
    aedes.on('ack', (_packet, client) => {
      if (client?.id === 'herald-under-test') acked++;
    });
    const commits: { message: IncomingMessage; resolve: () => void }[] = [];
    const source = new MqttSource(
      { id: 's', name: 'S', url: `mqtt://127.0.0.1:${port}`, clientId: 'herald-under-test', topics: [{ filter: 't/#', qos: 1 }] },
      (message) => new Promise<void>((resolve) => commits.push({ message, resolve })),
      () => {},
    );
    source.start();
    stops.push(() => source.stop());
    await eventually('connected', () => source.status.state === 'connected');
    await new Promise((r) => setTimeout(r, 100));

    const pub = await publisher(port);
    await Promise.all([1, 2, 3].map((n) => pub.publishAsync('t/x', String(n), { qos: 1 })));
    await eventually('three messages handed to the pipeline', () => commits.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(acked).toBe(0);

    commits[0].resolve();
    await eventually('first ack', () => acked === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(acked).toBe(1);
    commits[1].resolve();
    commits[2].resolve();
    await eventually('all acked', () => acked === 3);
  });

  test('a message whose commit fails is never acknowledged and the source reconnects', async () => {
    const { aedes, port } = await broker();
    let acked = 0;
    let connects = 0;
    aedes.on('client', (client) => client.id === 'failing' && connects++);
    aedes.on('ack', (_packet, client) => {
      if (client?.id === 'failing') acked++;
    });
    const source = new MqttSource(
      { id: 's', name: 'S', url: `mqtt://127.0.0.1:${port}`, clientId: 'failing', topics: [{ filter: 't/#', qos: 1 }] },
      () => Promise.reject(new Error('disk full')),
      () => {},
    );
    source.start();
    stops.push(() => source.stop());
    await eventually('connected', () => source.status.state === 'connected');
    await new Promise((r) => setTimeout(r, 100));
    const pub = await publisher(port);
    await pub.publishAsync('t/x', 'lost?', { qos: 1 });
    await eventually('reconnected', () => connects >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(acked).toBe(0);
  });
});
