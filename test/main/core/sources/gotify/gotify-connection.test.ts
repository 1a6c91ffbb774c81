// The Gotify source's connection life against a real HTTP + WebSocket server on 127.0.0.1: tokens, garbage
// and oversized frames, a killed server, a half-open socket, pings, and a failing inbox.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GotifySource } from '../../../../../src/main/core/sources/gotify/gotify-source.ts';
import { StoredSource, type StoredSourceOf } from '../../../../../src/main/core/settings/schema.ts';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { GotifyTestServer, type GotifyServerOptions } from '../../../../helpers/gotify-server.ts';
import { sourceHarness, type SourceHarness } from '../../../../helpers/push-source-harness.ts';

const TOKEN = 'CtestClientToken';
const DEADLINE_MS = 600;
let server: GotifyTestServer | null = null;
let dir: ReturnType<typeof tempDir>;
let h: SourceHarness;
const running: GotifySource[] = [];

beforeEach(() => {
  dir = tempDir();
  h = sourceHarness(dir.path);
});

afterEach(async () => {
  for (const source of running.splice(0)) await source.stop();
  await server?.stop();
  server = null;
  await h.close();
  dir.remove();
});

async function serve(options: GotifyServerOptions = {}): Promise<GotifyTestServer> {
  server = await GotifyTestServer.start({ pingMs: 100, clientTokens: [TOKEN], ...options });
  return server;
}

function startGotify(token: string | null = TOKEN): GotifySource {
  const config = StoredSource.parse({
    id: 'src-1',
    kind: 'gotify',
    name: 'Home Gotify',
    url: server!.url,
  }) as StoredSourceOf<'gotify'>;
  const source = new GotifySource(config, h.context({ secrets: token === null ? {} : { token } }), {
    pingIntervalMs: 100,
    deadlineMs: DEADLINE_MS,
    backoff: { initialMs: 50, maxMs: 200 },
  });
  running.push(source);
  source.start();
  return source;
}

const connected = (source: GotifySource) =>
  eventually('the source to be connected', () => source.status.state === 'connected', 5000);
const streams = () => server!.requests.filter((r) => r.path === '/stream').length;

describe('Gotify tokens', () => {
  test('a wrong client token: an error status that says why, and no retry storm', async () => {
    await serve();
    const source = startGotify('Cwrong');
    await eventually('the error status', () => source.status.state === 'error');
    expect(source.status.error).toBe(
      'Gotify refused the client token (HTTP 401: Unauthorized: you need to provide a valid access token or user credentials to access this api)',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(server!.requests).toHaveLength(1);
  });

  test('no token at all: an error status without asking the server', async () => {
    await serve();
    const source = startGotify(null);
    await eventually('the error status', () => source.status.state === 'error');
    expect(source.status.error).toMatch(/no client token is set/);
    expect(server!.requests).toHaveLength(0);
  });
});

describe('Gotify bad input', () => {
  test('garbage, binary and 10 MB frames are dropped and counted; the stream stays up and loses nothing', async () => {
    await serve();
    const source = startGotify();
    await connected(source);
    server!.publish(1, { message: 'before' });
    await eventually('before', () => h.store.counts().total === 1);
    server!.sendRaw('not json');
    server!.sendRaw('{"id":"seven","appid":1,"message":"wrong id type"}');
    server!.sendRaw(Buffer.from([0xde, 0xad, 0xbe, 0xef]), true);
    // A well-formed message, only far too big: dropped, not stored.
    server!.sendRaw(
      JSON.stringify({ id: 999, appid: 1, message: 'x'.repeat(10 * 1024 * 1024), title: 'huge', priority: 5 }),
    );
    server!.publish(1, { message: 'after' });
    await eventually('after', () => h.store.counts().total === 2, 10_000);
    expect(h.bodies()).toEqual(['before', 'after']);
    expect(source.status).toMatchObject({ state: 'connected', dropped: 4 });
    expect(streams()).toBe(1);
  });
});

describe('Gotify connection loss', () => {
  test('server killed: reconnecting with the cause; server back: caught up and connected', async () => {
    await serve();
    const source = startGotify();
    await connected(source);
    server!.publish(1, { message: 'before the crash' });
    await eventually('before', () => h.store.counts().total === 1);
    await server!.stop();
    await eventually('reconnecting', () => source.status.state === 'reconnecting');
    await eventually('a refused redial', () => /connection refused/.test(source.status.error ?? ''), 5000);
    server!.publish(1, { message: 'stored while Herald could not connect' });
    await server!.restart();
    await eventually('caught up', () => h.store.counts().total === 2, 5000);
    await connected(source);
    expect(h.bodies()).toEqual(['before the crash', 'stored while Herald could not connect']);
  });

  test('a socket that stops answering (half-open) is declared dead within the deadline, then replaced', async () => {
    await serve();
    const source = startGotify();
    await connected(source);
    server!.freeze();
    const frozenAt = Date.now();
    await eventually('the dead socket to be noticed', () => source.status.state === 'reconnecting', 3000);
    const noticedAfter = Date.now() - frozenAt;
    // Counted from the last sign of life, which is at most one ping interval before the freeze.
    expect(noticedAfter).toBeGreaterThanOrEqual(DEADLINE_MS - 150);
    expect(noticedAfter).toBeLessThan(DEADLINE_MS + 1000);
    expect(source.status.error).toBe('no answer from Gotify for 600 ms (pings unanswered)');
    await connected(source);
    server!.publish(1, { message: 'on the new socket' });
    await eventually('delivery on the new socket', () => h.store.counts().total === 1);
  });

  test("Herald's own pings keep a connection alive when the server does not ping", async () => {
    await serve({ pingMs: 60_000 });
    const source = startGotify();
    await connected(source);
    await new Promise((r) => setTimeout(r, DEADLINE_MS * 2));
    expect(source.status.state).toBe('connected');
    expect(streams()).toBe(1);
  });

  test('when the inbox cannot store a message, the connection is dropped and the catch-up brings it back', async () => {
    await serve();
    const source = startGotify();
    await connected(source);
    server!.publish(1, { message: 'first' });
    await eventually('first', () => h.store.counts().total === 1);
    h.failWrites(true);
    server!.publish(1, { message: 'must not be lost' });
    server!.publish(1, { message: 'nor this one' });
    await eventually('the failure', () => /could not be stored: disk full/.test(source.status.error ?? ''));
    h.failWrites(false);
    await eventually('both after all', () => h.store.counts().total === 3, 5000);
    expect(h.bodies()).toEqual(['first', 'must not be lost', 'nor this one']);
  });
});
