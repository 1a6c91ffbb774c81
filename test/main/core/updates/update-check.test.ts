// One update check against a real HTTP server on 127.0.0.1 serving an electron-builder latest.yml: a newer,
// the same, an older release; a feed that is not one, an HTTP error, one that never answers, one not there.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  checkForUpdate,
  compareVersions,
  parseFeed,
  parseVersion,
  releasePage,
} from '../../../../src/main/core/updates/update-check.ts';
import { latestYml, startFeedServer, type FeedServer } from './feed-server.ts';

let feed: FeedServer;
beforeAll(async () => {
  feed = await startFeedServer();
});
afterAll(() => feed.close());

const check = (current = '1.2.3', timeoutMs?: number) =>
  checkForUpdate({ feedUrl: feed.url, current, timeoutMs, now: () => 1_000 });

describe('against a feed', () => {
  test('a newer release is reported, with the folder the feed is in as its page', async () => {
    feed.reply = { body: latestYml('1.3.0') };
    expect(await check()).toEqual({
      current: '1.2.3',
      latest: '1.3.0',
      newer: true,
      checkedAt: 1_000,
      releaseUrl: feed.url.replace(/latest\.yml$/, ''),
    });
  });

  test('the same or an older release is not newer', async () => {
    feed.reply = { body: latestYml('1.2.3') };
    expect(await check()).toEqual({ current: '1.2.3', latest: '1.2.3', newer: false, checkedAt: 1_000 });
    feed.reply = { body: latestYml('1.2.2') };
    expect(await check()).toMatchObject({ latest: '1.2.2', newer: false });
    // A release is newer than its own pre-releases.
    expect(await check('1.2.2-beta.3')).toMatchObject({ newer: true });
  });

  test('a feed without a version, or with a version that is not one, says so', async () => {
    feed.reply = { body: '<!doctype html><title>Sign in</title>' };
    expect(await check()).toEqual({
      current: '1.2.3',
      newer: false,
      checkedAt: 1_000,
      error: 'the update feed is not a release feed (it has no "version:" line)',
    });
    feed.reply = { body: 'version: latest\n' };
    expect((await check()).error).toBe('the update feed names "latest", which is not a version number');
  });

  test('an HTTP error is named', async () => {
    feed.reply = { status: 404, body: 'Not Found' };
    expect(await check()).toMatchObject({ newer: false, error: 'the update feed answered HTTP 404 Not Found' });
    expect((await check()).latest).toBeUndefined();
  });

  test('a feed far larger than any release feed is refused, not read whole', async () => {
    feed.reply = { body: `version: 9.0.0\n${'#'.repeat(1024 * 1024)}\n` };
    expect(await check()).toMatchObject({ newer: false, error: 'the update feed is larger than 256 KiB' });
  });

  test('a feed that does not answer is given up on after the timeout', async () => {
    feed.reply = 'hang';
    const started = Date.now();
    expect(await check('1.2.3', 300)).toMatchObject({ error: 'the update feed did not answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a running version that is not a version number is reported without asking the feed', async () => {
    const before = feed.requests.length;
    expect((await check('unknown')).error).toBe('the running version "unknown" is not a version number');
    expect(feed.requests.length).toBe(before);
  });
});

test('a feed nobody listens on is reported as unreachable, with the reason', async () => {
  const port = await new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
  const result = await checkForUpdate({ feedUrl: `http://127.0.0.1:${port}/latest.yml`, current: '1.0.0' });
  expect(result.error).toMatch(/^the update feed could not be reached: .*ECONNREFUSED/);
});

test('parseFeed reads the top-level scalars only, quoted or not, with comments', () => {
  expect(parseFeed(latestYml('2.0.0'))).toEqual({
    version: '2.0.0',
    path: 'Herald-2.0.0.AppImage',
    releaseDate: '2026-11-30T10:00:00.000Z',
  });
  expect(parseFeed('files:\n  - version: 9.9.9\nversion: "1.0.1" # stable\r\n')).toEqual({ version: '1.0.1' });
  expect(parseFeed('version: 1.0.1 # stable\n')).toEqual({ version: '1.0.1' });
  expect(parseFeed('  version: 1.0.0\n')).toBeNull();
  expect(parseFeed('')).toBeNull();
});

test('versions compare by semantic version precedence', () => {
  const order = ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11'];
  const sorted = [...order, '1.0.0-rc.1', '1.0.0', 'v1.0.1', '1.10.0', '2.0.0+build.5'];
  const parsed = sorted.map((text) => parseVersion(text)!);
  for (let i = 1; i < parsed.length; i++) {
    expect(compareVersions(parsed[i]!, parsed[i - 1]!), `${sorted[i]} > ${sorted[i - 1]}`).toBeGreaterThan(0);
    expect(compareVersions(parsed[i - 1]!, parsed[i]!)).toBeLessThan(0);
  }
  expect(compareVersions(parseVersion('1.0.0+a')!, parseVersion('v1.0.0')!)).toBe(0);
  for (const bad of ['1.0', '01.0.0', '1.0.0-', 'latest', '', '1.0.0.0']) expect(parseVersion(bad), bad).toBeNull();
});

test('the release page: the GitHub release of that tag, else the feed folder', () => {
  expect(releasePage('https://github.com/herald-app/herald/releases/latest/download/latest.yml', '1.3.0')).toBe(
    'https://github.com/herald-app/herald/releases/tag/v1.3.0',
  );
  expect(releasePage('https://updates.example.com/herald/stable/latest.yml?channel=x', '1.3.0')).toBe(
    'https://updates.example.com/herald/stable/',
  );
});
