// The Gotify source against a protocol-faithful Gotify server on 127.0.0.1: live delivery, application
// names and icons, catch-up by backwards paging, and the race between the stream and the catch-up.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GotifySource } from '../../../../../src/main/core/sources/gotify/gotify-source.ts';
import { gotifyPriority } from '../../../../../src/main/core/sources/gotify/gotify-message.ts';
import { StoredSource, type StoredSourceOf } from '../../../../../src/main/core/settings/schema.ts';
import { MessageExtras } from '../../../../../src/shared/model.ts';
import { eventually, tempDir } from '../../../../helpers/core.ts';
import { GotifyTestServer } from '../../../../helpers/gotify-server.ts';
import { sourceHarness, type SourceHarness } from '../../../../helpers/push-source-harness.ts';

const TOKEN = 'CtestClientToken';
let server: GotifyTestServer;
let dir: ReturnType<typeof tempDir>;
let h: SourceHarness;
const running: GotifySource[] = [];

beforeEach(async () => {
  server = await GotifyTestServer.start({
    pingMs: 100,
    clientTokens: [TOKEN],
    apps: [
      { id: 1, name: 'Backups', image: 'image/backups.png' },
      { id: 2, name: 'Door', defaultPriority: 5 },
    ],
  });
  dir = tempDir();
  h = sourceHarness(dir.path);
});

afterEach(async () => {
  for (const source of running.splice(0)) await source.stop();
  await server.stop();
  await h.close();
  dir.remove();
});

function startGotify(): GotifySource {
  const config = StoredSource.parse({
    id: 'src-1',
    kind: 'gotify',
    name: 'Home Gotify',
    url: server.url,
  }) as StoredSourceOf<'gotify'>;
  const source = new GotifySource(config, h.context({ secrets: { token: TOKEN } }), {
    pingIntervalMs: 100,
    deadlineMs: 1000,
    backoff: { initialMs: 50, maxMs: 200 },
  });
  running.push(source);
  source.start();
  return source;
}

const connected = (source: GotifySource) =>
  eventually('the source to be connected', () => source.status.state === 'connected', 5000);
const inboxCount = (count: number) =>
  eventually(`${count} messages in the inbox`, () => h.store.counts().total === count, 5000);
const pageRequests = () => server.requests.filter((r) => r.path === '/message');

/** A connected source that has stored one message, so it has a cursor; then stopped. */
async function seenOneThenAway(): Promise<void> {
  const source = startGotify();
  await connected(source);
  server.publish(1, { message: 'seen' });
  await inboxCount(1);
  await source.stop();
}

describe('Gotify live delivery', () => {
  test('a pushed message arrives with its application as topic and icon, and its extras', async () => {
    const source = startGotify();
    await connected(source);
    const sent = server.publish(1, {
      title: 'Nightly backup',
      message: '**42 GB** in 3 min',
      priority: 8,
      extras: {
        'client::display': { contentType: 'text/markdown' },
        'client::notification': { click: { url: 'https://nas.lan/backups' } },
      },
    });
    server.publish(2, { message: 'Someone rang' });
    await inboxCount(2);
    const [backup, door] = h.inbox();
    expect(backup).toMatchObject({
      topic: 'Backups',
      title: 'Nightly backup',
      body: '**42 GB** in 3 min',
      priority: 5,
    });
    expect(backup!.extras).toEqual({
      serverId: String(sent.id),
      sentAt: Date.parse(sent.date),
      icon: `${server.url}/image/backups.png`,
      contentType: 'text/markdown',
      clickUrl: 'https://nas.lan/backups',
    });
    MessageExtras.parse(backup!.extras);
    // Gotify fills in the application name as title and its default priority (5 → normal).
    expect(door).toMatchObject({ topic: 'Door', title: 'Door', body: 'Someone rang', priority: 3 });
    expect(door!.extras!.icon).toBe(`${server.url}/static/defaultapp.png`);
    expect(server.requests.find((r) => r.path === '/stream')!.token).toBe(TOKEN);
  });

  test('priority 0..10 maps to 1..5 by the bands Gotify clients use', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(gotifyPriority)).toEqual([1, 2, 2, 2, 3, 3, 3, 3, 5, 5, 5]);
    expect([-1, 15, undefined, '7', NaN].map(gotifyPriority)).toEqual([1, 5, 3, 3, 3]);
  });

  test('an application created after connecting is looked up once; an unknown one gets a stand-in name', async () => {
    const source = startGotify();
    await connected(source);
    server.addApp({ id: 3, name: 'Garage', image: 'image/garage.png' });
    server.publish(3, { message: 'Door open' });
    server.publish(3, { message: 'Door closed' });
    server.publish(9, { title: 'Orphan', message: 'app deleted meanwhile' });
    await inboxCount(3);
    expect(h.inbox().map((m) => [m.topic, m.extras?.icon])).toEqual([
      ['Garage', `${server.url}/image/garage.png`],
      ['Garage', `${server.url}/image/garage.png`],
      ['Gotify application 9', undefined],
    ]);
    expect(server.requests.filter((r) => r.path === '/application')).toHaveLength(3);
  });

  test('when the application list cannot be read, messages still arrive, under stand-in names', async () => {
    server.applicationsBroken = true;
    const source = startGotify();
    await connected(source);
    server.publish(1, { message: 'still delivered' });
    await inboxCount(1);
    expect(h.inbox()[0]).toMatchObject({ topic: 'Gotify application 1', body: 'still delivered' });
  });
});

describe('Gotify catch-up', () => {
  test('what was sent while away is stored oldest first, once; a new source does not import history', async () => {
    server.publish(1, { message: 'history from last year' });
    await seenOneThenAway();
    server.publish(1, { message: 'away 1' });
    server.publish(2, { message: 'away 2' });
    const source = startGotify();
    await connected(source);
    await inboxCount(3);
    expect(h.bodies()).toEqual(['seen', 'away 1', 'away 2']);
    server.publish(1, { message: 'live' });
    await inboxCount(4);
    expect(h.store.cursor('src-1')).toBe(String(server.messages.at(-1)!.id));
  });

  test('a new source that received nothing yet still catches up what came while Herald was off', async () => {
    const first = startGotify();
    await connected(first);
    await first.stop();
    server.publish(1, { message: 'while off' });
    const second = startGotify();
    await connected(second);
    await inboxCount(1);
    expect(h.bodies()).toEqual(['while off']);
  });

  test('pages backwards across several pages and stores the result oldest first', async () => {
    await seenOneThenAway();
    const seenId = server.messages.at(-1)!.id;
    const earlier = pageRequests().length;
    for (let i = 1; i <= 250; i++) server.publish(1 + (i % 2), { message: `away ${i}` });
    const source = startGotify();
    await connected(source);
    await inboxCount(251);
    expect(h.bodies()).toEqual(['seen', ...Array.from({ length: 250 }, (_, i) => `away ${i + 1}`)]);
    const catchUp = pageRequests().slice(earlier);
    expect(catchUp.map((r) => r.query.since)).toEqual([undefined, String(seenId + 151), String(seenId + 51)]);
    expect(catchUp.every((r) => r.query.limit === '100')).toBe(true);
  });

  test('messages published during the catch-up arrive by stream and by page: each is stored once, in order', async () => {
    await seenOneThenAway();
    for (let i = 1; i <= 150; i++) server.publish(1, { message: `away ${i}` });
    let page = 0;
    server.onPage = () => {
      page++;
      // On the first page it is both in the page and on the stream; on the second only on the stream.
      if (page <= 2) server.publish(2, { message: `during page ${page}` });
    };
    const source = startGotify();
    await connected(source);
    await inboxCount(153);
    const bodies = h.bodies();
    expect(bodies.slice(-2)).toEqual(['during page 1', 'during page 2']);
    expect(new Set(bodies).size).toBe(153);
    expect(h.received.filter((m) => m.fields?.body === 'during page 1')).toHaveLength(1);
    // The cursor never went backwards: it ends on the newest message.
    expect(h.store.cursor('src-1')).toBe(String(server.messages.at(-1)!.id));
  });
});
