// The ntfy source against a protocol-faithful ntfy server on 127.0.0.1: live delivery, catch-up after a
// disconnect or a restart of Herald, the since= fallback, sequence updates, and poll_request.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { NtfySource, type NtfyOptions } from '../../../../../src/main/core/sources/ntfy/ntfy-source.ts';
import { StoredSource, type StoredSourceOf } from '../../../../../src/main/core/settings/schema.ts';
import type { SourceSecrets } from '../../../../../src/main/core/sources/common/source.ts';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { NtfyTestServer } from '../../../../helpers/ntfy-server.ts';
import { sourceHarness, type SourceHarness } from '../../../../helpers/push-source-harness.ts';

const FAST_RETRY = { initialMs: 50, maxMs: 200 };
let server: NtfyTestServer;
let dir: ReturnType<typeof tempDir>;
let h: SourceHarness;
const running: NtfySource[] = [];

beforeEach(async () => {
  server = await NtfyTestServer.start({ keepaliveMs: 100 });
  dir = tempDir();
  h = sourceHarness(dir.path);
});

afterEach(async () => {
  for (const source of running.splice(0)) await source.stop();
  await server.stop();
  await h.close();
  dir.remove();
});

function startNtfy(
  settings: Partial<StoredSourceOf<'ntfy'>> = {},
  secrets: SourceSecrets = {},
  options: NtfyOptions = {},
): NtfySource {
  const config = StoredSource.parse({
    id: 'src-1',
    kind: 'ntfy',
    name: 'Office ntfy',
    url: server.url,
    topics: ['alerts', 'home'],
    ...settings,
  }) as StoredSourceOf<'ntfy'>;
  const source = new NtfySource(config, h.context({ secrets }), {
    idleTimeoutMs: 2000,
    backoff: FAST_RETRY,
    ...options,
  });
  running.push(source);
  source.start();
  return source;
}

async function connected(source: NtfySource): Promise<void> {
  await eventually('the source to be connected', () => source.status.state === 'connected', 5000);
}

async function inboxBodies(count: number): Promise<string[]> {
  await eventually(`${count} messages in the inbox`, () => h.store.counts().total === count, 5000);
  return h.bodies();
}

const streamRequests = () => server.requests.filter((r) => r.query.poll === undefined);
const pollRequests = () => server.requests.filter((r) => r.query.poll === '1' && r.query.id === undefined);

describe('ntfy live delivery', () => {
  test('every topic arrives over one stream, with title, body, priority and extras in the inbox', async () => {
    const source = startNtfy();
    await connected(source);
    server.publish('alerts', {
      title: 'Server room',
      message: 'Temperature 31 °C',
      priority: 5,
      tags: ['thermometer', 'rack-2'],
    });
    server.publish('home', { message: 'Door bell', click: 'https://cam.lan/door' });
    expect(await inboxBodies(2)).toEqual(['Temperature 31 °C', 'Door bell']);
    const [alert, door] = h.inbox();
    expect(alert).toMatchObject({ topic: 'alerts', title: '🌡️ Server room', priority: 5, sourceName: 'Office ntfy' });
    expect(alert!.extras).toMatchObject({ tags: ['rack-2'], serverId: expect.any(String), sentAt: expect.any(Number) });
    expect(door).toMatchObject({
      topic: 'home',
      title: 'home',
      priority: 3,
      extras: { clickUrl: 'https://cam.lan/door' },
    });
    expect(streamRequests().map((r) => r.path)).toEqual(['/alerts,home/json']);
    expect(source.status.dropped).toBeUndefined();
  });

  test('a message published twice on the wire (live and from the cache) is stored once', async () => {
    const source = startNtfy();
    await connected(source);
    const message = server.publish('alerts', { message: 'once' });
    server.sendRaw(`${JSON.stringify(message)}\n`);
    server.publish('alerts', { message: 'after' });
    expect(await inboxBodies(2)).toEqual(['once', 'after']);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.store.counts().total).toBe(2);
  });
});

describe('ntfy catch-up', () => {
  test('what was published while Herald was away is stored in order, once, asking since=<last stored id>', async () => {
    const first = startNtfy();
    await connected(first);
    const seen = server.publish('alerts', { message: 'before' });
    await inboxBodies(1);
    await first.stop();
    server.publish('alerts', { message: 'away 1' });
    server.publish('home', { message: 'away 2' });
    server.publish('alerts', { message: 'away 3', cache: false });
    const second = startNtfy();
    await connected(second);
    expect(await inboxBodies(3)).toEqual(['before', 'away 1', 'away 2']);
    expect(pollRequests().at(-1)!.query.since).toBe(seen.id);
    server.publish('home', { message: 'live again' });
    expect(await inboxBodies(4)).toEqual(['before', 'away 1', 'away 2', 'live again']);
  });

  test('a long catch-up is stored in bounded chunks, still in order and complete', async () => {
    const first = startNtfy();
    await connected(first);
    server.publish('alerts', { message: 'seen' });
    await inboxBodies(1);
    await first.stop();
    for (let i = 1; i <= 7; i++) server.publish(i % 2 ? 'alerts' : 'home', { message: `away ${i}` });
    const second = startNtfy({}, {}, { catchUpChunk: 2 });
    await connected(second);
    expect(await inboxBodies(8)).toEqual(['seen', ...Array.from({ length: 7 }, (_, i) => `away ${i + 1}`)]);
  });

  test('reconnectNow (wake from sleep) catches up and resumes', async () => {
    const source = startNtfy();
    await connected(source);
    server.publish('alerts', { message: 'one' });
    await inboxBodies(1);
    server.freeze();
    server.publish('alerts', { message: 'missed while asleep' });
    source.reconnectNow();
    expect(await inboxBodies(2)).toEqual(['one', 'missed while asleep']);
    await connected(source);
  });

  test('when the server no longer knows our cursor it replays everything cached: what was seen is stored once', async () => {
    const first = startNtfy();
    await connected(first);
    server.publish('alerts', { message: 'a' });
    server.publish('home', { message: 'b' });
    const last = server.publish('alerts', { message: 'c' });
    await inboxBodies(3);
    await first.stop();
    server.expire(last.id);
    server.publish('alerts', { message: 'd' });
    const second = startNtfy();
    await connected(second);
    expect(await inboxBodies(4)).toEqual(['a', 'b', 'c', 'd']);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.store.counts()).toEqual({ total: 4, unread: 4 });
  });

  test('a new source does not import old messages, yet catches up what came while Herald was off before its first', async () => {
    server.publish('alerts', { message: 'from yesterday', at: Math.floor(Date.now() / 1000) - 86_000 });
    const first = startNtfy();
    await connected(first);
    await first.stop();
    server.publish('alerts', { message: 'sent while Herald was off' });
    const second = startNtfy();
    await connected(second);
    expect(await inboxBodies(1)).toEqual(['sent while Herald was off']);
    expect(pollRequests()[0]!.query.since).toBe('none');
    expect(pollRequests()[1]!.query.since).toMatch(/^\d+$/);
  });
});

describe('ntfy sequences: updates, delete, clear', () => {
  test('an update replaces the entry, a clear marks it read, a delete removes it', async () => {
    const source = startNtfy();
    await connected(source);
    server.publish('alerts', { title: 'Backup', message: 'started', sequenceId: 'backup-7' });
    server.publish('alerts', { message: 'unrelated' });
    await inboxBodies(2);
    server.publish('alerts', { title: 'Backup', message: '50 %', sequenceId: 'backup-7' });
    await eventually('the update', () => h.bodies().includes('50 %'));
    expect(h.bodies()).toEqual(['unrelated', '50 %']);
    server.clearSequence('alerts', 'backup-7');
    await eventually('the entry to be read', () => h.inbox().find((m) => m.body === '50 %')?.read);
    expect(h.store.counts()).toEqual({ total: 2, unread: 1 });
    server.deleteSequence('alerts', 'backup-7');
    await eventually('the entry to be gone', () => h.store.counts().total === 1);
    expect(h.bodies()).toEqual(['unrelated']);
  });

  test('an update that names the first message by its id folds onto it', async () => {
    const source = startNtfy();
    await connected(source);
    const original = server.publish('home', { message: 'washing: 10 min left' });
    await inboxBodies(1);
    server.publish('home', { message: 'washing: done', sequenceId: original.id });
    await eventually('the update', () => h.bodies().join() === 'washing: done');
  });

  test('a replayed catch-up brings back neither replaced revisions nor deleted entries, and keeps read state', async () => {
    const first = startNtfy();
    await connected(first);
    server.publish('alerts', { message: 'rev 1', sequenceId: 'job' });
    server.publish('alerts', { message: 'rev 2', sequenceId: 'job' });
    server.publish('alerts', { message: 'doomed', sequenceId: 'tmp' });
    server.deleteSequence('alerts', 'tmp');
    const last = server.publish('home', { message: 'last' });
    await eventually('rev 2 and last only', () => h.bodies().join() === 'rev 2,last');
    const job = h.inbox()[0]!;
    h.store.markRead([job.id]);
    await first.stop();
    server.expire(last.id);
    const replayed = h.received.length;
    const second = startNtfy();
    await connected(second);
    await eventually('the replay', () => h.received.length > replayed);
    expect(h.received.slice(replayed).map((m) => m.fields?.body ?? m.op)).toEqual(['rev 2', 'delete']);
    expect(h.inbox().map((m) => [m.id, m.body, m.read])).toEqual([
      [job.id, 'rev 2', true],
      [expect.any(Number), 'last', false],
    ]);
  });
});

describe('ntfy poll_request', () => {
  test('the message it names is fetched from the server and stored with its fields', async () => {
    const source = startNtfy();
    await connected(source);
    const held = server.publish('alerts', { title: 'Relayed', message: 'fetched by id', cacheOnly: true });
    server.pollRequest('alerts', held.id);
    expect(await inboxBodies(1)).toEqual(['fetched by id']);
    expect(h.inbox()[0]).toMatchObject({ title: 'Relayed', extras: { serverId: held.id } });
    expect(
      server.requests.some((r) => r.path === '/alerts/json' && r.query.id === held.id && r.query.poll === '1'),
    ).toBe(true);
  });
});
