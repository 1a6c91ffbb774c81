// The generic SSE source against real node:http servers on 127.0.0.1: events become messages, the last event
// id is the cursor that Last-Event-ID resumes from, and every way a stream can fail shows up in the status.
import { once } from 'node:events';
import { createServer, type IncomingMessage as HttpRequest, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { StoredSource, type StoredSourceOf } from '../../../../../src/main/core/settings/schema.ts';
import { createSseSource, type SseSourceOptions } from '../../../../../src/main/core/sources/sse/sse-source.ts';
import { eventually } from '../../../../helpers/core.ts';
import { freePort } from '../../../../helpers/ports.ts';
import { fastBackoff, recorder, selfSignedCertificate, type Recorder } from '../common/generic-push-harness.ts';

const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

type Handler = (request: HttpRequest, response: ServerResponse) => void;

async function listen(server: Server, scheme = 'http'): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  stops.push(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
}

async function serve(handler: Handler): Promise<{ url: string; requests: HttpRequest[] }> {
  const requests: HttpRequest[] = [];
  const url = await listen(
    createServer((request, response) => {
      requests.push(request);
      handler(request, response);
    }),
  );
  return { url, requests };
}

/** Sends the headers at once: Node holds them back until the first write otherwise. */
const eventStream = (response: ServerResponse) =>
  response.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
const frame = (id: string, data: string) => `id: ${id}\ndata: ${data}\n\n`;

/** A server that keeps its events and replays those after the Last-Event-ID a client sends. */
async function historyServer() {
  const history: { id: string; data: string }[] = [];
  const open = new Set<ServerResponse>();
  const lastEventIds: (string | undefined)[] = [];
  const { url, requests } = await serve((request, response) => {
    const lastId = request.headers['last-event-id'] as string | undefined;
    lastEventIds.push(lastId);
    eventStream(response);
    const from = history.findIndex((e) => e.id === lastId) + 1;
    for (const e of history.slice(from)) response.write(frame(e.id, e.data));
    open.add(response);
    response.on('close', () => open.delete(response));
  });
  return {
    url,
    requests,
    lastEventIds,
    publish(id: string, data: string) {
      history.push({ id, data });
      for (const response of open) response.write(frame(id, data));
    },
    /** Ends every open stream cleanly (a server restart). */
    endAll() {
      for (const response of open) response.end();
      open.clear();
    },
    get openStreams() {
      return open.size;
    },
  };
}

function startSource(
  settings: Record<string, unknown> & { url: string },
  rec: Recorder = recorder(),
  options: SseSourceOptions = {},
) {
  const config = StoredSource.parse({ id: 'sse-1', kind: 'sse', name: 'Events', ...settings }) as StoredSourceOf<'sse'>;
  const source = createSseSource(config, rec.context, { backoff: fastBackoff, ...options });
  source.start();
  stops.push(() => source.stop());
  return { source, rec };
}

const bodies = (rec: Recorder) => rec.messages.map((m) => m.fields?.body);

describe('what an event becomes', () => {
  test('mapped fields; the event id is the cursor and (with the content) the dedupe key; event name and id are shown', async () => {
    const { url } = await serve((_request, response) => {
      eventStream(response);
      response.write(': welcome\n\n');
      response.write(
        'event: alert\nid: 17\ndata: {"msg":{"head":"Fire drill",\ndata: "text":"At 10:00","prio":"urgent"}}\n\n',
      );
      response.write('data: {"msg":{"text":"no id"}}\n\n');
    });
    const { source, rec } = startSource({
      url,
      mapping: { title: 'msg.head', body: 'msg.text', priority: 'msg.prio' },
    });
    await eventually('two messages', () => rec.messages.length === 2);
    expect(rec.messages[0]).toMatchObject({
      sourceId: 'sse-1',
      topic: `${new URL(url).host}/events`,
      fields: { title: 'Fire drill', body: 'At 10:00', priority: 5 },
      properties: { event: 'alert', id: '17' },
      cursor: '17',
    });
    expect(rec.messages[0]!.dedupeKey).toMatch(/^17@[0-9a-f]{16}$/);
    // No own id: no dedupe key, and the cursor did not move, so it is not written again.
    expect(rec.messages[1]).toMatchObject({ fields: { body: 'no id' }, properties: { event: 'message' } });
    expect(rec.messages[1]!.dedupeKey).toBeUndefined();
    expect(rec.messages[1]!.cursor).toBeUndefined();
    expect(source.status.state).toBe('connected');
  });

  test('text format, invalid JSON and heartbeat events', async () => {
    const { url } = await serve((_request, response) => {
      eventStream(response);
      response.write('event: ping\ndata: {}\n\n');
      response.write('data: not json {\n\n');
      response.write('event: keepalive\ndata: 1\n\n');
      response.write('data: {"title":"ok"}\n\n');
    });
    const { rec } = startSource({ url, mapping: { title: 'title' } });
    await eventually('two messages', () => rec.messages.length === 2);
    expect(rec.messages[0]).toMatchObject({
      fields: { body: 'not json {' },
      properties: { note: 'not valid JSON; stored as text' },
    });
    expect(rec.messages[1]!.fields).toEqual({ title: 'ok', body: '{"title":"ok"}' });
  });

  test('a 10 MB event arrives whole; over the cap an event is dropped and counted, and the stream goes on', async () => {
    const big = 'z'.repeat(10 * 1024 * 1024);
    const { url, requests } = await serve((_request, response) => {
      eventStream(response);
      response.write(`id: 1\ndata: ${big}\n\n`);
      response.write(frame('2', 'after'));
    });
    const whole = startSource({ url, format: 'text' });
    await eventually('two messages', () => whole.rec.messages.length === 2);
    expect(whole.rec.messages[0]!.fields?.body.length).toBe(big.length);
    await whole.source.stop();

    const capped = startSource({ url, format: 'text' }, recorder(), { maxEventChars: 1024 * 1024 });
    await eventually('the next event', () => capped.rec.messages.length === 1);
    expect(bodies(capped.rec)).toEqual(['after']);
    expect(capped.source.status).toMatchObject({ state: 'connected', dropped: 1 });
    expect(requests).toHaveLength(2);
  });
});

describe('resuming with Last-Event-ID', () => {
  test('after the server ends the stream, it reconnects with the last id and the replay fills the gap', async () => {
    const server = await historyServer();
    const { source, rec } = startSource({ url: server.url, format: 'text' });
    await eventually('connected', () => server.openStreams === 1);
    server.publish('1', 'one');
    server.publish('2', 'two');
    await eventually('two messages', () => rec.messages.length === 2);

    const before = Date.now();
    server.endAll();
    server.publish('3', 'three (while away)');
    await eventually('reconnecting with the cause', () => source.status.state === 'reconnecting' && source.status);
    expect(source.status.error).toBe(`${server.url} ended the stream`);
    expect(source.status.retryAt).toBeGreaterThanOrEqual(before);
    await eventually('replayed', () => rec.messages.length === 3);
    server.publish('4', 'four');
    await eventually('live again', () => rec.messages.length === 4);
    expect(bodies(rec)).toEqual(['one', 'two', 'three (while away)', 'four']);
    expect(server.lastEventIds).toEqual([undefined, '2']);
    expect(rec.cursor()).toBe('4');
  });

  test('the cursor saved before a restart is sent on the first connect', async () => {
    const server = await historyServer();
    for (const id of ['1', '2', '3']) server.publish(id, `event ${id}`);
    const { rec } = startSource({ url: server.url, format: 'text' }, recorder({ cursor: '2' }));
    await eventually('the missed event', () => rec.messages.length === 1);
    expect(server.lastEventIds).toEqual(['2']);
    expect(bodies(rec)).toEqual(['event 3']);
  });

  test('a write that fails is not skipped: the reconnect resumes from the last stored id', async () => {
    const server = await historyServer();
    const rec = recorder();
    const { source } = startSource({ url: server.url, format: 'text' }, rec);
    await eventually('connected', () => server.openStreams === 1);
    server.publish('1', 'one');
    await eventually('one stored', () => rec.messages.length === 1);
    rec.failWrites(true);
    server.publish('2', 'two');
    await eventually('the failure shown', () =>
      rec.statuses.some((s) => s.error === 'a message could not be stored: disk full'),
    );
    rec.failWrites(false);
    await eventually('replayed', () => rec.messages.length === 2);
    expect(bodies(rec)).toEqual(['one', 'two']);
    expect(server.lastEventIds).toEqual([undefined, '1']);
    // It had an id, so the server could send it again: nothing was dropped.
    expect(source.status.dropped).toBeUndefined();
  });

  test('reconnectNow drops the stream and dials again at once, resuming from the last id', async () => {
    const server = await historyServer();
    const { source, rec } = startSource({ url: server.url, format: 'text' }, recorder(), {
      backoff: { initialMs: 60_000, maxMs: 60_000 },
    });
    await eventually('connected', () => server.openStreams === 1);
    server.publish('1', 'one');
    await eventually('stored', () => rec.messages.length === 1);
    const asked = Date.now();
    source.reconnectNow();
    await eventually('a second request', () => server.requests.length === 2 && source.status.state === 'connected');
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(server.lastEventIds).toEqual([undefined, '1']);
    await eventually('the old stream closed', () => server.openStreams === 1);
  });
});

describe('when the stream cannot be had', () => {
  test('401 stops the source with the reason and no retries', async () => {
    const { url, requests } = await serve((_request, response) => response.writeHead(401).end('no'));
    const { source } = startSource({ url }, recorder({ token: 'wrong' }));
    await eventually('error', () => source.status.state === 'error');
    expect(source.status.error).toBe(`HTTP 401 Unauthorized from ${url}: check the token and headers`);
    expect(requests[0]!.headers.authorization).toBe('Bearer wrong');
    expect(requests[0]!.headers.accept).toBe('text/event-stream');
    await new Promise((r) => setTimeout(r, 400));
    expect(requests).toHaveLength(1);
  });

  test('204 means "do not reconnect"', async () => {
    const { url, requests } = await serve((_request, response) => response.writeHead(204).end());
    const { source } = startSource({ url });
    await eventually('error', () => source.status.state === 'error');
    expect(source.status.error).toBe(`the server asked not to reconnect (HTTP 204 from ${url})`);
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toHaveLength(1);
  });

  test('server errors, wrong content types and closed ports are retried with a readable cause', async () => {
    const failing = await serve((_request, response) => response.writeHead(503).end('busy'));
    const a = startSource({ url: `${failing.url}?token=hidden` });
    await eventually('503', () => a.source.status.state === 'reconnecting' && a.source.status);
    expect(a.source.status.error).toBe(`HTTP 503 Service Unavailable from ${failing.url}`);
    await eventually('retried', () => failing.requests.length >= 2);

    const html = await serve((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html>'),
    );
    const b = startSource({ url: html.url });
    await eventually('wrong type', () => b.source.status.state === 'reconnecting' && b.source.status);
    expect(b.source.status.error).toBe(
      `${html.url} answered with "text/html; charset=utf-8" instead of text/event-stream`,
    );

    const port = await freePort();
    const c = startSource({ url: `http://127.0.0.1:${port}/events` });
    await eventually('refused', () => c.source.status.state === 'reconnecting' && c.source.status);
    expect(c.source.status.error).toBe(`connection refused by 127.0.0.1:${port} (is the server running?)`);
  });

  test('a certificate the computer does not trust is named as the cause', async () => {
    const url = await listen(
      createHttpsServer(selfSignedCertificate(), (_request, response) => eventStream(response)),
      'https',
    );
    const { source } = startSource({ url });
    await eventually('TLS error', () => source.status.state === 'reconnecting' && source.status);
    expect(source.status.error).toBe('TLS: 127.0.0.1 presented a self-signed certificate, which is not trusted');
  });
});

describe('noticing a dead stream', () => {
  test('a stream that goes silent (half-open) is dropped at the idle deadline and dialled again', async () => {
    const { url, requests } = await serve((_request, response) => {
      eventStream(response);
      response.write(': hello\n\n');
    });
    const { source } = startSource({ url }, recorder(), { idleTimeoutMs: 300 });
    await eventually('connected', () => source.status.state === 'connected');
    const connectedAt = Date.now();
    await eventually('declared dead', () => source.status.state === 'reconnecting' && source.status, 3000);
    expect(Date.now() - connectedAt).toBeLessThan(1500);
    expect(source.status.error).toBe(`no data from ${url} for 300 ms; the stream is dead`);
    await eventually('dialled again', () => requests.length === 2);
  });

  test('comments are keepalives: a stream that only sends comments stays up', async () => {
    const { url, requests } = await serve((_request, response) => {
      eventStream(response);
      const timer = setInterval(() => response.write(':\n'), 100);
      response.on('close', () => clearInterval(timer));
    });
    const { source } = startSource({ url }, recorder(), { idleTimeoutMs: 300 });
    await eventually('connected', () => source.status.state === 'connected');
    await new Promise((r) => setTimeout(r, 1000));
    expect(source.status.state).toBe('connected');
    expect(requests).toHaveLength(1);
  });

  test('a server that never answers the request is given up on at the idle deadline', async () => {
    const { url } = await serve(() => {});
    const { source } = startSource({ url }, recorder(), { idleTimeoutMs: 300 });
    await eventually('given up', () => source.status.state === 'reconnecting' && source.status, 3000);
    expect(source.status.error).toBe(`no data from ${url} for 300 ms; the stream is dead`);
  });
});
