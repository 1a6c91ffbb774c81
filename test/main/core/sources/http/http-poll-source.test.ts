// The HTTP polling source against real node:http servers on 127.0.0.1, feeding the real pipeline and inbox:
// ETag / Last-Modified respected (a 304 stores nothing), items deduplicated across polls and restarts, the
// list found at itemsPath or a single object, refusals and bad answers shown in the status, and long polling
// resuming with the saved cursor after a restart.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { StoredSource, type StoredSourceOf } from '../../../../../src/main/core/settings/schema.ts';
import type { Source, SourceSecrets } from '../../../../../src/main/core/sources/common/source.ts';
import {
  createHttpPollSource,
  type HttpPollSourceOptions,
} from '../../../../../src/main/core/sources/http/http-poll-source.ts';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { freePort } from '../../../../helpers/ports.ts';
import { sourceHarness, type SourceHarness } from '../../../../helpers/push-source-harness.ts';

interface SeenRequest {
  url: URL;
  headers: IncomingHttpHeaders;
}
type Handler = (request: SeenRequest, response: ServerResponse) => void;

const stops: (() => Promise<void> | void)[] = [];
let dir: ReturnType<typeof tempDir>;
let h: SourceHarness;

beforeEach(() => {
  dir = tempDir();
  h = sourceHarness(dir.path);
});

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  await h.close();
  dir.remove();
});

async function serve(handler: Handler): Promise<{ url: string; requests: SeenRequest[] }> {
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const seen = { url: new URL(request.url ?? '/', 'http://127.0.0.1'), headers: request.headers };
    requests.push(seen);
    handler(seen, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  stops.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/alerts`, requests };
}

const json = (response: ServerResponse, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

function startSource(
  settings: Record<string, unknown> & { url: string },
  secrets: SourceSecrets = {},
  options: HttpPollSourceOptions = {},
): Source {
  const config = StoredSource.parse({
    id: 'src-1',
    kind: 'http',
    name: 'Alerts API',
    ...settings,
  }) as StoredSourceOf<'http'>;
  const source = createHttpPollSource(config, h.context({ secrets }), {
    intervalMs: 100,
    backoff: { initialMs: 50, maxMs: 200 },
    ...options,
  });
  source.start();
  stops.push(() => source.stop());
  return source;
}

const MAPPING = { title: 'title', body: 'message', id: 'id' };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('short polling', () => {
  test('stores the list once; the ETag and Last-Modified go back and a 304 stores nothing', async () => {
    const etag = '"v1"';
    const modified = 'Wed, 02 Dec 2026 10:00:00 GMT';
    const { url, requests } = await serve((request, response) => {
      if (request.headers['if-none-match'] === etag) return response.writeHead(304).end();
      json(
        response,
        [
          { id: 1, title: 'Disk', message: 'disk almost full' },
          { id: 2, title: 'Backup', message: 'backup done' },
        ],
        { etag, 'last-modified': modified },
      );
    });
    const source = startSource({ url, mapping: MAPPING });
    await eventually('three polls', () => requests.length >= 3);
    expect(h.bodies()).toEqual(['disk almost full', 'backup done']);
    expect(h.inbox().map((m) => m.title)).toEqual(['Disk', 'Backup']);
    expect(requests[0]!.headers['if-none-match']).toBeUndefined();
    expect(requests[1]!.headers).toMatchObject({ 'if-none-match': etag, 'if-modified-since': modified });
    // The 304s handed nothing to the pipeline.
    expect(h.received).toHaveLength(2);
    expect(source.status.state).toBe('connected');
    expect(h.store.cursor('src-1')).toContain('"etag":"\\"v1\\""');
  });

  test('the saved ETag is sent after a restart, so the unchanged list is not fetched again', async () => {
    const { url, requests } = await serve((request, response) => {
      if (request.headers['if-none-match'] === '"v7"') return response.writeHead(304).end();
      json(response, [{ id: 'a', message: 'one' }], { etag: '"v7"' });
    });
    const first = startSource({ url, mapping: MAPPING });
    await eventually('stored', () => h.bodies().length === 1);
    await first.stop();
    const before = requests.length;
    startSource({ url, mapping: MAPPING });
    await eventually('polled again', () => requests.length > before);
    expect(requests[before]!.headers['if-none-match']).toBe('"v7"');
    expect(h.received).toHaveLength(1);
  });

  test('items are deduplicated by id across polls and restarts; without an id, by their content', async () => {
    let list: unknown[] = [{ id: 1, message: 'first' }, { id: 2, message: 'second' }, { message: 'no id' }];
    const { url, requests } = await serve((_request, response) => json(response, list));
    const first = startSource({ url, mapping: MAPPING });
    await eventually('three stored', () => h.bodies().length === 3);
    list = [{ id: 3, message: 'third' }, ...list];
    await eventually('the new one', () => h.bodies().length === 4);
    const polls = requests.length;
    await eventually('two more polls', () => requests.length >= polls + 2);
    await first.stop();
    // A new instance remembers nothing: the inbox recognises every item again.
    const handed = h.received.length;
    startSource({ url, mapping: MAPPING });
    await eventually('the list handed over again', () => h.received.length >= handed + 4);
    await pause(150);
    expect(h.bodies()).toEqual(['first', 'second', 'no id', 'third']);
  });

  test('a list newest first is stored in the order it happened when the mapping says when (time)', async () => {
    const list = [
      { id: 3, message: 'third', at: '2026-12-03T10:02:00Z' },
      { id: 1, message: 'first', at: '2026-12-03T10:00:00Z' },
      { id: 2, message: 'second', at: '2026-12-03T10:01:00Z' },
    ];
    const { url } = await serve((_request, response) => json(response, list));
    startSource({ url, mapping: { ...MAPPING, time: 'at' } });
    await eventually('three stored', () => h.bodies().length === 3);
    expect(h.bodies()).toEqual(['first', 'second', 'third']);
  });

  test('a single object is one item; itemsPath finds the list; no mapping reads the usual fields', async () => {
    const single = await serve((_request, response) => json(response, { title: 'Only', message: 'one object' }));
    const a = startSource({ url: single.url });
    await eventually('stored', () => h.bodies().length === 1);
    await a.stop();
    // Unmapped, the item is left to the generic decoder: title and preview from the usual names.
    expect(h.inbox()[0]).toMatchObject({ title: 'Only', preview: 'one object' });

    const nested = await serve((_request, response) =>
      json(response, { data: { items: [{ text: 'x', level: 'high' }, { text: 'y' }] }, total: 2 }),
    );
    startSource({ url: nested.url, itemsPath: 'data.items', mapping: { body: 'text', priority: 'level' } });
    await eventually('two more', () => h.bodies().length === 3);
    expect(h.bodies().slice(1)).toEqual(['x', 'y']);
    expect(h.inbox()[1]!.priority).toBe(4);
  });

  test('a wrong items path is shown in the status', async () => {
    const { url } = await serve((_request, response) => json(response, { data: [] }));
    const source = startSource({ url, itemsPath: 'data.items' });
    await eventually('reported', () => source.status.error);
    expect(source.status.error).toBe(`the response has nothing at "data.items" (check the items path) from ${url}`);
  });
});

describe('refusals and bad answers', () => {
  test('401 stops retrying with the reason; the token goes as a bearer', async () => {
    const { url, requests } = await serve((_request, response) => response.writeHead(401).end('no'));
    const source = startSource({ url, headers: { 'X-Client': 'herald' } }, { token: 's3cret' });
    await eventually('refused', () => source.status.state === 'error');
    expect(source.status.error).toBe(`HTTP 401 Unauthorized from ${url}: check the token and headers`);
    expect(requests[0]!.headers).toMatchObject({ authorization: 'Bearer s3cret', 'x-client': 'herald' });
    await pause(300);
    expect(requests).toHaveLength(1);
  });

  test('an endpoint nobody listens on is retried with the reason; one status per attempt, not per poll', async () => {
    const port = await freePort();
    const source = startSource({ url: `http://127.0.0.1:${port}/api` });
    await eventually('refused', () => source.status.state === 'reconnecting' && source.status.error);
    expect(source.status.error).toBe(`connection refused by 127.0.0.1:${port} (is the server running?)`);
    await source.stop();

    const { url, requests } = await serve((_request, response) => json(response, []));
    const polling = startSource({ url });
    await eventually('five polls', () => requests.length >= 5);
    expect(polling.status.state).toBe('connected');
    expect(h.statuses.filter((status) => status.state === 'connected')).toHaveLength(1);
  });

  test('a body that is not JSON, a 500 and a body over the cap are reported, retried, and lose nothing', async () => {
    let answer: 'json' | 'html' | 'error' | 'huge' = 'json';
    const { url } = await serve((_request, response) => {
      if (answer === 'html') return response.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi');
      if (answer === 'error') return response.writeHead(500, { 'content-type': 'text/plain' }).end('database down');
      if (answer === 'huge') return json(response, [{ message: 'z'.repeat(2 * 1024 * 1024) }]);
      json(response, [{ id: 1, message: 'kept' }]);
    });
    const source = startSource({ url, mapping: MAPPING }, {}, { maxResponseBytes: 1024 * 1024 });
    await eventually('stored', () => h.bodies().length === 1);

    answer = 'html';
    await eventually('not JSON', () => source.status.state === 'reconnecting' && source.status.error);
    expect(source.status.error).toBe(`${url} answered with something that is not JSON (text/html); nothing was stored`);
    answer = 'error';
    await eventually('the 500', () => source.status.error?.startsWith('HTTP 500'));
    expect(source.status.error).toBe(`HTTP 500 Internal Server Error from ${url}: database down`);
    answer = 'huge';
    await eventually('too large', () => source.status.error?.includes('larger'));
    expect(source.status.error).toBe(`the response is larger than 1 MB (from ${url}); nothing was stored`);

    answer = 'json';
    await eventually('back', () => source.status.state === 'connected');
    expect(h.bodies()).toEqual(['kept']);
  });
});

describe('when the inbox cannot store', () => {
  test('a failed write is reported and the items come again on the next poll', async () => {
    const { url } = await serve((request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return response.writeHead(304).end();
      json(
        response,
        [
          { id: 1, message: 'one' },
          { id: 2, message: 'two' },
        ],
        { etag: '"v1"' },
      );
    });
    h.failWrites(true);
    const source = startSource({ url, mapping: MAPPING });
    await eventually('reported', () => source.status.error?.includes('could not be stored'));
    h.failWrites(false);
    await eventually('stored on a later poll', () => h.bodies().length === 2);
    expect(h.bodies()).toEqual(['one', 'two']);
  });
});

/** A long-poll server: answers at once when it has items after `since`, otherwise holds the request. */
async function longPollServer() {
  const items: { seq: number; message: string }[] = [];
  const held: { since: number; response: ServerResponse }[] = [];
  const answer = (since: number, response: ServerResponse) => {
    const after = items.filter((item) => item.seq > since);
    if (after.length === 0) return held.push({ since, response });
    json(response, { items: after, next: String(after.at(-1)!.seq) });
  };
  const server = await serve((request, response) =>
    answer(Number(request.url.searchParams.get('since') ?? 0), response),
  );
  return {
    ...server,
    held,
    publish(message: string) {
      items.push({ seq: items.length + 1, message });
      for (const waiting of held.splice(0)) answer(waiting.since, waiting.response);
    },
  };
}

describe('long polling', () => {
  const settings = (url: string) => ({
    url,
    mode: 'long-poll',
    itemsPath: 'items',
    cursorParam: 'since',
    cursorPath: 'next',
    mapping: { body: 'message', id: 'seq' },
  });

  test('news arrives while held; after a restart the saved cursor resumes where it stopped', async () => {
    const server = await longPollServer();
    const first = startSource(settings(server.url));
    await eventually('held', () => server.held.length === 1);
    expect(server.requests[0]!.url.searchParams.has('since')).toBe(false);
    server.publish('one');
    server.publish('two');
    await eventually('two stored', () => h.bodies().length === 2);
    await eventually('held again', () => server.held.length === 1);
    expect(first.status.state).toBe('connected');
    await first.stop();

    server.publish('three (while stopped)');
    const before = server.requests.length;
    startSource(settings(server.url));
    await eventually('the missed one', () => h.bodies().length === 3);
    expect(server.requests[before]!.url.searchParams.get('since')).toBe('2');
    expect(h.bodies()).toEqual(['one', 'two', 'three (while stopped)']);
    await eventually('asking from 3', () => server.requests.at(-1)!.url.searchParams.get('since') === '3');
  });

  test('a request held past the deadline is given up and asked again after the backoff', async () => {
    const server = await longPollServer();
    const source = startSource(settings(server.url), {}, { holdTimeoutMs: 200 });
    await eventually('timed out', () => source.status.state === 'reconnecting' && source.status.error);
    expect(source.status.error).toBe(`no answer from ${server.url} within 200 ms`);
    await eventually('asked again', () => server.requests.length >= 2);
  });
});
