// The MQTT source's delivery promise and how it reports its connection: a QoS 1/2 message is acknowledged to
// the broker only after the pipeline committed it, while later messages keep flowing in the meantime; every
// failure is shown with a cause a person can act on, and transient ones are retried.
import { createServer } from 'node:http';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { afterEach, describe, expect, test } from 'vitest';
import { describeDisconnect } from '../../../../../src/main/core/sources/mqtt/mqtt-errors.ts';
import type { IncomingMessage } from '../../../../../src/main/core/sources/common/source.ts';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { freePort } from '../../../../helpers/ports.ts';
import { startAedes, startSilentServer } from '../../../../reliability/helpers/brokers.ts';
import { mqttConfig, startSource, type HarnessOptions } from '../../../../reliability/helpers/source-harness.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function source(fields: Parameters<typeof mqttConfig>[0], options: Omit<HarnessOptions, 'dataDir'> = {}) {
  const dir = tempDir();
  const harness = startSource(mqttConfig(fields), { dataDir: dir.path, ...options });
  cleanups.push(dir.remove, harness.stop);
  return harness;
}

async function publisher(url: string) {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
  cleanups.push(() => client.endAsync());
  return client;
}

/** Holds each commit until the test releases it. */
function heldCommits() {
  const held: { message: IncomingMessage; release: () => void }[] = [];
  const sink: HarnessOptions['sink'] = (message, commit) =>
    new Promise((resolve, reject) => held.push({ message, release: () => void commit(message).then(resolve, reject) }));
  return { held, sink };
}

describe('acknowledge after commit', () => {
  test('PUBACK waits for the commit, and the next messages are received meanwhile', async () => {
    const broker = await startAedes();
    cleanups.push(broker.close);
    // aedes 1.2 reports which client acknowledged, not which packet (the packet argument is undefined).
    let acked = 0;
    broker.aedes.on('ack', (_packet, client) => client?.id === 'herald-under-test' && acked++);
    const { held, sink } = heldCommits();
    const h = source({ url: broker.url, clientId: 'herald-under-test', topics: [{ filter: 't/#', qos: 1 }] }, { sink });
    await eventually('connected', () => h.source.status.state === 'connected');

    const pub = await publisher(broker.url);
    await Promise.all([1, 2, 3].map((n) => pub.publishAsync('t/x', String(n), { qos: 1 })));
    await eventually('three messages handed to the pipeline', () => held.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(acked).toBe(0);

    held[0]!.release();
    await eventually('first ack', () => acked === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(acked).toBe(1);
    held[1]!.release();
    held[2]!.release();
    await eventually('all acked', () => acked === 3);
    expect(h.rows().map((r) => r.body)).toEqual(['1', '2', '3']);
  });

  test('QoS 2: PUBREC once the packet is kept, PUBCOMP only after the commit', async () => {
    const broker = await startAedes();
    cleanups.push(broker.close);
    const sent: string[] = [];
    broker.aedes.on('clientReady', (client) => {
      if (client.id !== 'herald-qos2') return;
      // The broker's view of what Herald sent: the raw packets on its connection.
      (client as unknown as { _parser: NodeJS.EventEmitter })._parser.on('packet', (p: { cmd: string }) =>
        sent.push(p.cmd),
      );
    });
    const { held, sink } = heldCommits();
    const h = source({ url: broker.url, clientId: 'herald-qos2', topics: [{ filter: 't/#', qos: 2 }] }, { sink });
    await eventually('connected', () => h.source.status.state === 'connected');

    const pub = await publisher(broker.url);
    await pub.publishAsync('t/x', 'exactly once', { qos: 2 });
    await eventually('handed to the pipeline after PUBREL', () => held.length === 1);
    expect(h.store.inflightFor('src').get(held[0]!.message.releaseInflight!)).toBeDefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(sent.filter((cmd) => cmd.startsWith('pub'))).toEqual(['pubrec']);

    held[0]!.release();
    await eventually('PUBCOMP after the commit', () => sent.includes('pubcomp'));
    expect(h.rows().map((r) => r.body)).toEqual(['exactly once']);
    // The commit took the in-flight copy with it.
    expect(h.store.inflightFor('src').get(held[0]!.message.releaseInflight!)).toBeUndefined();
  });

  test('a message whose commit fails is never acknowledged and the source reconnects', async () => {
    const broker = await startAedes();
    cleanups.push(broker.close);
    let acked = 0;
    let connects = 0;
    broker.aedes.on('client', (client) => client.id === 'failing' && connects++);
    broker.aedes.on('ack', (_packet, client) => client?.id === 'failing' && acked++);
    const h = source(
      { url: broker.url, clientId: 'failing', topics: [{ filter: 't/#', qos: 1 }] },
      { sink: () => Promise.reject(new Error('disk full')) },
    );
    await eventually('connected', () => h.source.status.state === 'connected');
    const pub = await publisher(broker.url);
    await pub.publishAsync('t/x', 'lost?', { qos: 1 });
    await eventually('reconnected', () => connects >= 2);
    expect(h.statuses.some((s) => s.error === 'a message could not be stored: disk full')).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(acked).toBe(0);
  });
});

describe('connection status', () => {
  test('no broker at the address: "connection refused", and it keeps retrying', async () => {
    const port = await freePort();
    const h = source({ url: `mqtt://127.0.0.1:${port}` });
    await eventually('reconnecting with the cause', () => h.source.status.state === 'reconnecting' && h.source.status);
    expect(h.source.status.error).toBe(`connection refused by 127.0.0.1:${port} (is a broker running there?)`);
    expect(h.source.status.retryAt).toBeGreaterThan(Date.now() - 1000);
    await eventually(
      'several attempts',
      () => h.statuses.filter((s) => s.state === 'reconnecting' && s.retryAt).length >= 3,
    );
  });

  test('a server that accepts but never answers: "did not answer within" the timeout, then retried', async () => {
    const silent = await startSilentServer();
    cleanups.push(silent.close);
    const h = source({ url: `mqtt://127.0.0.1:${silent.port}` }, { answerTimeoutMs: 500 });
    await eventually('timed out', () => h.source.status.error);
    expect(h.source.status.state).toBe('reconnecting');
    expect(h.source.status.error).toBe('the broker did not answer within 0.5 s');
    await eventually('dialled again', () => silent.connections() >= 2, 5000);
  });

  test('a broker that does not speak the chosen protocol version is named as such and retried', async () => {
    const broker = await startAedes();
    cleanups.push(broker.close);
    const h = source({ url: broker.url, protocolVersion: 5 });
    await eventually('reconnecting', () => h.source.status.state === 'reconnecting');
    expect(h.source.status.error).toMatch(/does not speak MQTT 5 .*choose the other protocol version/);
  });

  test('MQTT 5 DISCONNECT reasons are named; "session taken over" points at a second client with the same id', () => {
    // Mosquitto 2.0.11 closes a taken-over connection without a DISCONNECT, so this is checked on its own.
    expect(describeDisconnect(0x8e, 'desk-1')).toBe('another client connected with the same client id (desk-1)');
    expect(describeDisconnect(0x8b, 'desk-1')).toBe('the broker is shutting down');
    expect(describeDisconnect(0x98, undefined)).toBe('the broker closed the connection (Administrative action, 0x98)');
  });

  test('reconnectNow drops a working connection and dials again at once', async () => {
    const broker = await startAedes();
    cleanups.push(broker.close);
    let connects = 0;
    broker.aedes.on('client', () => connects++);
    const h = source({ url: broker.url });
    await eventually('connected', () => h.source.status.state === 'connected');
    h.source.reconnectNow();
    await eventually('a second connection', () => connects === 2 && h.source.status.state === 'connected', 2000);
    const pub = await publisher(broker.url);
    await pub.publishAsync('t/after', 'still delivered', { qos: 1 });
    await eventually('message after reconnect', () => h.rows().length === 1);
  });
});

describe('transports', () => {
  test('MQTT over WebSocket (ws://host:port/path): connected, messages arrive', async () => {
    const aedes = await Aedes.createBroker();
    const http = createServer();
    const wss = new WebSocketServer({ server: http, path: '/mqtt' });
    wss.on('connection', (socket, request) => aedes.handle(createWebSocketStream(socket), request));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    });
    const port = (http.address() as { port: number }).port;
    const url = `ws://127.0.0.1:${port}/mqtt`;
    const h = source({ url });
    await eventually('connected', () => h.source.status.state === 'connected');
    const pub = await publisher(url);
    await pub.publishAsync('t/ws', 'over a WebSocket', { qos: 1 });
    await eventually('stored', () => h.rows().length === 1);
  });

  test('a WebSocket path the server does not serve: the HTTP status is named', async () => {
    const http = createServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
    const port = (http.address() as { port: number }).port;
    const h = source({ url: `ws://127.0.0.1:${port}/wrong` });
    await eventually('reconnecting', () => h.source.status.state === 'reconnecting');
    expect(h.source.status.error).toBe(
      `the WebSocket upgrade at ws://127.0.0.1:${port}/wrong failed: HTTP 404 (check the path)`,
    );
  });
});
