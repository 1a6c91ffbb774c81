// The generic WebSocket source against a real `ws` server on 127.0.0.1: what frames become, how the connection
// is opened, watched and re-opened, and what the status says when it cannot be.
import type { IncomingMessage as HttpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer } from 'node:http';
import { once } from 'node:events';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocket, WebSocketServer, type ServerOptions } from 'ws';
import { StoredSource, type StoredSourceOf } from '../../../../../src/main/core/settings/schema.ts';
import {
  createWebSocketSource,
  type WebSocketSourceOptions,
} from '../../../../../src/main/core/sources/websocket/websocket-source.ts';
import { eventually } from '../../../../helpers/core.ts';
import { freePort } from '../../../../helpers/ports.ts';
import { frameText } from '../../../../helpers/ws.ts';
import { fastBackoff, recorder, selfSignedCertificate, type Recorder } from '../common/generic-push-harness.ts';

const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

interface TestServer {
  wss: WebSocketServer;
  url: string;
  connections: WebSocket[];
  requests: HttpRequest[];
  /** Text the server received from Herald, per connection. */
  received: string[][];
  latest(): WebSocket;
}

async function wsServer(options: ServerOptions = {}): Promise<TestServer> {
  const wss = new WebSocketServer(options.server ? options : { host: '127.0.0.1', port: 0, ...options });
  if (!options.server && !options.noServer) await once(wss, 'listening');
  const address = (options.server ?? wss).address() as AddressInfo;
  const server: TestServer = {
    wss,
    url: `${options.server ? 'wss' : 'ws'}://127.0.0.1:${address.port}/websocket/user-1`,
    connections: [],
    requests: [],
    received: [],
    latest: () => server.connections.at(-1)!,
  };
  wss.on('connection', (ws, request) => {
    const received: string[] = [];
    server.connections.push(ws);
    server.requests.push(request);
    server.received.push(received);
    ws.on('message', (data) => received.push(frameText(data)));
  });
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  );
  return server;
}

function startSource(
  settings: Record<string, unknown> & { url: string },
  rec: Recorder = recorder(),
  options: WebSocketSourceOptions = {},
) {
  const config = StoredSource.parse({
    id: 'ws-1',
    kind: 'websocket',
    name: 'Push',
    ...settings,
  }) as StoredSourceOf<'websocket'>;
  const source = createWebSocketSource(config, rec.context, { backoff: fastBackoff, ...options });
  source.start();
  stops.push(() => source.stop());
  return { source, rec };
}

const connected = (source: { status: { state: string } }) =>
  eventually('connected', () => source.status.state === 'connected');

describe('what a frame becomes', () => {
  test('mapped JSON fields: title, body, priority, http(s) link, time and id (the dedupe key)', async () => {
    const server = await wsServer();
    const { source, rec } = startSource({
      url: server.url,
      mapping: {
        title: 'data.title',
        body: 'data.text',
        priority: 'data.level',
        id: 'id',
        url: 'data.link',
        time: 'ts',
      },
    });
    await connected(source);
    server.latest().send(
      JSON.stringify({
        id: 42,
        ts: 1_700_000_000,
        data: { title: 'Printer', text: 'Out of paper', level: 'high', link: 'https://intranet.example/p/3' },
      }),
    );
    server.latest().send(
      JSON.stringify({
        id: 'a-7',
        ts: '2024-05-01T10:00:00Z',
        data: { text: 'Door', level: 9, link: 'javascript:alert(1)' },
      }),
    );
    await eventually('two messages', () => rec.messages.length === 2);
    expect(rec.messages[0]).toMatchObject({
      sourceId: 'ws-1',
      sourceName: 'Push',
      topic: `${new URL(server.url).host}/websocket/user-1`,
      fields: {
        title: 'Printer',
        body: 'Out of paper',
        priority: 4,
        extras: { clickUrl: 'https://intranet.example/p/3', sentAt: 1_700_000_000_000, serverId: '42' },
      },
      dedupeKey: '42',
      properties: { frame: 'text' },
    });
    expect(rec.messages[1]!.fields).toEqual({
      body: 'Door',
      priority: 5,
      extras: { sentAt: Date.parse('2024-05-01T10:00:00Z'), serverId: 'a-7' },
    });
  });

  test('text format: the frame is the body and there is no title, even when it looks like JSON', async () => {
    const server = await wsServer();
    const { source, rec } = startSource({ url: server.url, format: 'text', mapping: { title: 'title' } });
    await connected(source);
    server.latest().send('{"title":"not a title"}');
    server.latest().send('Backup finished\nin 3 min');
    await eventually('two messages', () => rec.messages.length === 2);
    expect(rec.messages.map((m) => m.fields)).toEqual([
      { body: '{"title":"not a title"}' },
      { body: 'Backup finished\nin 3 min' },
    ]);
  });

  test('JSON without any mapping goes to the generic decoder whole', async () => {
    const server = await wsServer();
    const { source, rec } = startSource({ url: server.url });
    await connected(source);
    server.latest().send('{"title":"T","message":"M"}');
    await eventually('a message', () => rec.messages.length === 1);
    expect(rec.messages[0]!.fields).toBeUndefined();
    expect(Buffer.from(rec.messages[0]!.payload!).toString()).toBe('{"title":"T","message":"M"}');
  });

  test('frames that are not what the format says are kept as they are, and the connection stays up', async () => {
    const server = await wsServer();
    const { source, rec } = startSource({ url: server.url, mapping: { title: 'title' } });
    await connected(source);
    const ws = server.latest();
    ws.send('this is {not json');
    ws.send(Buffer.from([0x00, 0xff, 0x10, 0x80]), { binary: true });
    // A text frame with invalid UTF-8: ws would close the connection for it; Herald keeps the bytes.
    ws.send(Buffer.from([0x68, 0x69, 0xc3, 0x28]), { binary: false });
    ws.send('{"title":"still fine"}');
    await eventually('four messages', () => rec.messages.length === 4);
    expect(rec.messages[0]).toMatchObject({
      fields: { body: 'this is {not json' },
      properties: { note: 'not valid JSON; stored as text' },
    });
    expect([...rec.messages[1]!.payload!]).toEqual([0x00, 0xff, 0x10, 0x80]);
    expect(rec.messages[1]!.properties).toEqual({ frame: 'binary' });
    expect([...rec.messages[2]!.payload!]).toEqual([0x68, 0x69, 0xc3, 0x28]);
    expect(rec.messages[3]!.fields?.title).toBe('still fine');
    expect(source.status.state).toBe('connected');
    expect(server.connections).toHaveLength(1);
  });

  test('a 10 MB frame arrives whole (the inbox cuts it later), on the same connection', async () => {
    const server = await wsServer();
    const { source, rec } = startSource({ url: server.url, format: 'text' });
    await connected(source);
    server.latest().send('x'.repeat(10 * 1024 * 1024));
    server.latest().send('after');
    await eventually('two messages', () => rec.messages.length === 2);
    expect(rec.messages[0]!.fields?.body.length).toBe(10 * 1024 * 1024);
    expect(rec.messages[1]!.fields?.body).toBe('after');
    expect(server.connections).toHaveLength(1);
  });

  test('a frame over the cap is dropped and counted, the source reconnects, and later frames arrive', async () => {
    const server = await wsServer();
    const { source, rec } = startSource({ url: server.url, format: 'text' }, recorder(), {
      maxFrameBytes: 1024 * 1024,
    });
    await connected(source);
    server.latest().send('x'.repeat(2 * 1024 * 1024));
    await eventually('the drop is counted', () => source.status.dropped === 1);
    expect(
      rec.statuses.some((s) => s.state === 'reconnecting' && /larger than 1 MiB was dropped/.test(s.error ?? '')),
    ).toBe(true);
    await eventually(
      'a second connection',
      () => server.connections.length === 2 && source.status.state === 'connected',
    );
    server.latest().send('after');
    await eventually('the next frame', () => rec.messages.length === 1);
    expect(rec.messages[0]!.fields?.body).toBe('after');
  });
});

describe('opening the connection', () => {
  test('sends the headers, the token as a bearer, and the open message after every (re)connect', async () => {
    const server = await wsServer();
    const { source, rec } = startSource(
      { url: server.url, headers: { 'X-Tenant': 'office' }, openMessage: '{"op":"subscribe","channel":"alerts"}' },
      recorder({ token: 'tk_secret' }),
    );
    await connected(source);
    await eventually('the open message', () => server.received[0]?.length === 1);
    expect(server.requests[0]!.headers).toMatchObject({ authorization: 'Bearer tk_secret', 'x-tenant': 'office' });
    expect(server.received[0]).toEqual(['{"op":"subscribe","channel":"alerts"}']);

    const before = Date.now();
    server.latest().close(1012, 'restarting');
    await eventually('reconnecting with the cause', () => source.status.state === 'reconnecting' && source.status);
    expect(source.status.error).toBe(
      `ws://${new URL(server.url).host}/websocket/user-1 closed the connection (server restarting, code 1012): restarting`,
    );
    expect(source.status.retryAt).toBeGreaterThanOrEqual(before);
    await eventually('reconnected', () => server.connections.length === 2 && source.status.state === 'connected');
    await eventually('the open message again', () => server.received[1]?.length === 1);
    expect(server.received[1]).toEqual(['{"op":"subscribe","channel":"alerts"}']);
    expect(rec.statuses.map((s) => s.state)).toEqual([
      'connecting',
      'connected',
      'reconnecting',
      'reconnecting',
      'connected',
    ]);
  });

  test('401 on the upgrade stops the source with the reason, and it does not dial again', async () => {
    let attempts = 0;
    const server = await wsServer({
      verifyClient: (_info, done) => {
        attempts++;
        done(false, 401, 'Unauthorized');
      },
    });
    const { source } = startSource({ url: server.url }, recorder({ token: 'wrong' }));
    await eventually('error', () => source.status.state === 'error');
    expect(source.status.error).toBe(
      `HTTP 401 Unauthorized from ws://${new URL(server.url).host}/websocket/user-1: check the token and headers`,
    );
    await new Promise((r) => setTimeout(r, 400));
    expect(source.status.state).toBe('error');
    expect(attempts).toBe(1);
  });

  test('other upgrade answers and unreachable servers are retried, with a cause people can read', async () => {
    const http = createHttpServer((_req, res) => res.writeHead(502).end('bad gateway'));
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    stops.push(() => new Promise<void>((r) => http.close(() => r())));
    const port = (http.address() as AddressInfo).port;
    const bad = startSource({ url: `ws://127.0.0.1:${port}/push?token=hidden` });
    await eventually('HTTP 502', () => bad.source.status.state === 'reconnecting' && bad.source.status);
    expect(bad.source.status.error).toBe(`HTTP 502 Bad Gateway from ws://127.0.0.1:${port}/push`);

    const closedPort = await freePort();
    const refused = startSource({ url: `ws://127.0.0.1:${closedPort}/` });
    await eventually('refused', () => refused.source.status.state === 'reconnecting' && refused.source.status);
    expect(refused.source.status.error).toBe(`connection refused by 127.0.0.1:${closedPort} (is the server running?)`);
  });

  test('a server that accepts the connection but never answers the handshake is given up on', async () => {
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    stops.push(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((r) => silent.close(() => r()));
    });
    const port = (silent.address() as AddressInfo).port;
    const { source } = startSource({ url: `ws://127.0.0.1:${port}/ws` }, recorder(), { handshakeTimeoutMs: 300 });
    await eventually('given up', () => source.status.state === 'reconnecting' && source.status, 3000);
    expect(source.status.error).toBe(`ws://127.0.0.1:${port}/ws did not answer the WebSocket handshake within 300 ms`);
  });

  test('a certificate the computer does not trust is named as the cause', async () => {
    const https = createHttpsServer(selfSignedCertificate());
    https.listen(0, '127.0.0.1');
    await once(https, 'listening');
    stops.push(() => new Promise<void>((r) => https.close(() => r())));
    const server = await wsServer({ server: https });
    const { source } = startSource({ url: server.url });
    await eventually('TLS error', () => source.status.state === 'reconnecting' && source.status);
    expect(source.status.error).toBe('TLS: 127.0.0.1 presented a self-signed certificate, which is not trusted');
  });
});

describe('staying connected', () => {
  test('a server that stops answering pings (half-open) is noticed within the pong deadline, then redialled', async () => {
    const server = await wsServer({ autoPong: false });
    const { source } = startSource({ url: server.url }, recorder(), { pingIntervalMs: 100, pongTimeoutMs: 300 });
    await connected(source);
    const connectedAt = Date.now();
    await eventually('declared dead', () => source.status.state === 'reconnecting' && source.status, 3000);
    expect(Date.now() - connectedAt).toBeLessThan(1500);
    expect(source.status.error).toMatch(
      /^no answer from ws:\/\/127\.0\.0\.1:\d+\/websocket\/user-1 for 300 ms; the connection is dead$/,
    );
    await eventually('dialled again', () => server.connections.length === 2);
  });

  test('a server that answers pings stays connected on the same socket', async () => {
    const server = await wsServer();
    const { source } = startSource({ url: server.url }, recorder(), { pingIntervalMs: 100, pongTimeoutMs: 300 });
    await connected(source);
    await new Promise((r) => setTimeout(r, 1000));
    expect(source.status.state).toBe('connected');
    expect(server.connections).toHaveLength(1);
  });

  test('reconnectNow drops the socket and dials again at once', async () => {
    const server = await wsServer();
    const { source } = startSource({ url: server.url }, recorder(), { backoff: { initialMs: 60_000, maxMs: 60_000 } });
    await connected(source);
    const closed = once(server.latest(), 'close');
    const asked = Date.now();
    source.reconnectNow();
    await eventually(
      'a second connection',
      () => server.connections.length === 2 && source.status.state === 'connected',
    );
    expect(Date.now() - asked).toBeLessThan(1000);
    await closed;
  });

  test('a slow store pauses reading instead of piling up frames; nothing is lost once it catches up', async () => {
    const server = await wsServer();
    const rec = recorder();
    rec.hold();
    const { source } = startSource({ url: server.url, format: 'text' }, rec, { maxPending: 10 });
    await connected(source);
    const count = 2000;
    const filler = 'y'.repeat(1000);
    for (let i = 0; i < count; i++) server.latest().send(`${i} ${filler}`);
    await eventually('the first frames', () => rec.handedOver() >= 10);
    await new Promise((r) => setTimeout(r, 300));
    // The bound plus what one socket read (64 KiB) had already carried in.
    expect(rec.handedOver()).toBeLessThan(200);
    rec.release();
    await eventually('all frames', () => rec.messages.length === count, 15_000);
    expect(rec.messages.map((m) => Number(m.fields!.body.split(' ')[0]))).toEqual([...Array(count).keys()]);
  });

  test('a write that fails is counted as dropped and the cause is shown', async () => {
    const server = await wsServer();
    const rec = recorder();
    const { source } = startSource({ url: server.url, format: 'text' }, rec);
    await connected(source);
    rec.failWrites(true);
    server.latest().send('lost to a full disk');
    await eventually('counted', () => source.status.dropped === 1);
    expect(rec.statuses.some((s) => s.error === 'a message could not be stored: disk full')).toBe(true);
    rec.failWrites(false);
    await eventually('reconnected', () => server.connections.length === 2 && source.status.state === 'connected');
    server.latest().send('fine again');
    await eventually('stored', () => rec.messages.length === 1);
  });
});
