// The ntfy source's connection life against a real HTTP server on 127.0.0.1: credentials, refusals, rate
// limits, garbage and oversized lines, a killed server, a half-open stream, and a failing inbox.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { NtfySource } from '../../../../../src/main/core/sources/ntfy/ntfy-source.ts';
import { StoredSource, type StoredSourceOf } from '../../../../../src/main/core/settings/schema.ts';
import type { SourceSecrets } from '../../../../../src/main/core/sources/common/source.ts';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { NtfyTestServer, type NtfyServerOptions } from '../../../../helpers/ntfy-server.ts';
import { sourceHarness, type SourceHarness } from '../../../../helpers/push-source-harness.ts';

const FAST_RETRY = { initialMs: 50, maxMs: 200 };
const IDLE_MS = 600;
let server: NtfyTestServer | null = null;
let dir: ReturnType<typeof tempDir>;
let h: SourceHarness;
const running: NtfySource[] = [];

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

async function serve(options: NtfyServerOptions = {}): Promise<NtfyTestServer> {
  server = await NtfyTestServer.start({ keepaliveMs: 100, ...options });
  return server;
}

function startNtfy(settings: Partial<StoredSourceOf<'ntfy'>> = {}, secrets: SourceSecrets = {}): NtfySource {
  const config = StoredSource.parse({
    id: 'src-1',
    kind: 'ntfy',
    name: 'Office ntfy',
    url: server!.url,
    topics: ['alerts'],
    ...settings,
  }) as StoredSourceOf<'ntfy'>;
  const source = new NtfySource(config, h.context({ secrets }), { idleTimeoutMs: IDLE_MS, backoff: FAST_RETRY });
  running.push(source);
  source.start();
  return source;
}

const connected = (source: NtfySource) =>
  eventually('the source to be connected', () => source.status.state === 'connected', 5000);
const streams = () => server!.requests.filter((r) => r.query.poll === undefined).length;

describe('ntfy credentials', () => {
  test('a user name and password go as Basic auth, a token as Bearer', async () => {
    await serve({ users: { alice: 's3cret' }, tokens: ['tk_office'] });
    const basic = startNtfy({ username: 'alice' }, { password: 's3cret' });
    await connected(basic);
    await basic.stop();
    const bearer = startNtfy({}, { token: 'tk_office' });
    await connected(bearer);
    const auth = server!.requests.map((r) => r.authorization);
    expect(auth[0]).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    expect(auth.at(-1)).toBe('Bearer tk_office');
  });

  test('wrong credentials: an error status that says why, and no retry storm', async () => {
    await serve({ users: { alice: 's3cret' } });
    const source = startNtfy({ username: 'alice' }, { password: 'wrong' });
    await eventually('the error status', () => source.status.state === 'error');
    expect(source.status.error).toBe('ntfy refused the credentials (HTTP 401: unauthorized)');
    await new Promise((r) => setTimeout(r, 500));
    expect(server!.requests).toHaveLength(1);
    expect(source.status.state).toBe('error');
  });

  test('a topic the credentials may not read: an error naming the topics', async () => {
    await serve({ forbiddenTopics: ['secret'] });
    const source = startNtfy({ topics: ['alerts', 'secret'] });
    await eventually('the error status', () => source.status.state === 'error');
    expect(source.status.error).toBe('ntfy refused access to alerts, secret (HTTP 403: forbidden)');
  });

  test('rate limited (HTTP 429): retried with backoff, connected once the server allows it', async () => {
    await serve();
    server!.setRateLimited(true);
    const source = startNtfy();
    await eventually('a retry', () => server!.requests.length >= 2);
    expect(source.status).toMatchObject({ state: 'reconnecting', error: expect.stringContaining('HTTP 429') });
    server!.setRateLimited(false);
    await connected(source);
  });
});

describe('ntfy bad input', () => {
  test('garbage lines and a 10 MB line are dropped and counted; the stream stays up and loses nothing', async () => {
    await serve();
    const source = startNtfy();
    await connected(source);
    server!.publish('alerts', { message: 'before' });
    await eventually('before', () => h.store.counts().total === 1);
    server!.sendRaw('this is not json\n{"no":"ntfy event"}\n');
    const huge = Buffer.alloc(10 * 1024 * 1024, 'x');
    // A well-formed ntfy message, only far too long: it is dropped, not stored.
    const head = `{"id":"hugeaaaaaaaa","time":${Math.floor(Date.now() / 1000)},"event":"message","topic":"alerts","message":"`;
    server!.sendRaw(Buffer.concat([Buffer.from(head), huge, Buffer.from('"}\n')]));
    server!.publish('alerts', { message: 'after' });
    await eventually('after', () => h.store.counts().total === 2, 10_000);
    expect(h.bodies()).toEqual(['before', 'after']);
    expect(source.status).toMatchObject({ state: 'connected', dropped: 3 });
    expect(streams()).toBe(1);
  });
});

describe('ntfy connection loss', () => {
  test('server killed: reconnecting with the cause; server back: caught up and connected', async () => {
    await serve();
    const source = startNtfy();
    await connected(source);
    server!.publish('alerts', { message: 'before the crash' });
    await eventually('before', () => h.store.counts().total === 1);
    // An ntfy with a cache file keeps its messages across the restart.
    await server!.stop({ keepCache: true });
    await eventually('reconnecting', () => source.status.state === 'reconnecting');
    await eventually('a refused redial', () => /connection refused/.test(source.status.error ?? ''), 5000);
    const lastSeen = server!.requests.filter((r) => r.query.poll === '1').length;
    server!.publish('alerts', { message: 'published while Herald could not connect' });
    await server!.restart();
    await eventually('caught up', () => h.store.counts().total === 2, 5000);
    await connected(source);
    expect(h.bodies()).toEqual(['before the crash', 'published while Herald could not connect']);
    const catchUp = server!.requests.filter((r) => r.query.poll === '1')[lastSeen]!;
    expect(catchUp.query.since).toBe(h.received[0]!.dedupeKey);
  });

  test('a stream that goes silent (half-open) is declared dead within the idle deadline, then resumed', async () => {
    await serve();
    const source = startNtfy();
    await connected(source);
    server!.freeze();
    const frozenAt = Date.now();
    await eventually('the dead stream to be noticed', () => source.status.state === 'reconnecting', 3000);
    const noticedAfter = Date.now() - frozenAt;
    // Counted from the last keepalive, which is at most one keepalive interval before the freeze.
    expect(noticedAfter).toBeGreaterThanOrEqual(IDLE_MS - 150);
    expect(noticedAfter).toBeLessThan(IDLE_MS + 1000);
    expect(source.status.error).toMatch(/no data from ntfy for 600 ms/);
    await connected(source);
    server!.publish('alerts', { message: 'on the new stream' });
    await eventually('delivery on the new stream', () => h.store.counts().total === 1);
  });

  test('keepalives keep a quiet stream alive past the idle deadline', async () => {
    await serve();
    const source = startNtfy();
    await connected(source);
    await new Promise((r) => setTimeout(r, IDLE_MS * 2));
    expect(source.status.state).toBe('connected');
    expect(streams()).toBe(1);
  });

  test('when the inbox cannot store a message, the stream is dropped and the catch-up brings it back', async () => {
    await serve();
    const source = startNtfy();
    await connected(source);
    h.failWrites(true);
    server!.publish('alerts', { message: 'must not be lost' });
    await eventually('the failure', () => /could not be stored: disk full/.test(source.status.error ?? ''));
    h.failWrites(false);
    await eventually('the message after all', () => h.store.counts().total === 1, 5000);
    expect(h.bodies()).toEqual(['must not be lost']);
  });
});
