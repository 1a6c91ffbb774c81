// The update check in a real core against a feed on 127.0.0.1: off by default and then silent (no request at
// all), turned on it checks at once and says so in `updates.changed`, "check now" checks either way, on at
// start it checks at start, regular checks follow the interval and stop when turned off, and a policy can lock
// the settings.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { DEFAULT_UPDATE_FEED } from '../../../../src/shared/commands/updates.ts';
import { dispatch, type EventPayload } from '../../../../src/shared/contract.ts';
import { createHeraldCore } from '../../../../src/main/core/herald-core.ts';
import { FileSecretStore } from '../../../../src/main/core/settings/file-secret-store.ts';
import { JsonSettingsRepo } from '../../../../src/main/core/settings/json-settings-repo.ts';
import { defaultSettings } from '../../../../src/main/core/settings/schema.ts';
import { UpdateService } from '../../../../src/main/core/updates/update-service.ts';
import { eventually, tempDir } from '../../../helpers/core.ts';
import { latestYml, startFeedServer, type FeedServer } from './feed-server.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function feedOf(version: string): Promise<FeedServer> {
  const feed = await startFeedServer({ body: latestYml(version) });
  cleanups.push(() => feed.close());
  return feed;
}

/** A core running version 1.0.0 whose saved settings start as `saved`. */
async function core(saved: Record<string, unknown>, policy?: Record<string, unknown>) {
  const dir = tempDir();
  cleanups.push(dir.remove);
  writeFileSync(join(dir.path, 'config.json'), JSON.stringify(saved));
  const policyFile = policy ? join(dir.path, 'policy.json') : undefined;
  if (policyFile) writeFileSync(policyFile, JSON.stringify(policy));
  const started = await createHeraldCore({
    dataDir: dir.path,
    settings: new JsonSettingsRepo(join(dir.path, 'config.json')),
    secrets: new FileSecretStore(join(dir.path, 'headless-secrets.json')),
    brokerPort: 'off',
    version: '1.0.0',
    policyFile,
  });
  cleanups.push(() => started.stop());
  const changes: EventPayload<'updates.changed'>[] = [];
  started.on('updates.changed', (view) => changes.push(view));
  return { core: started, changes, dir };
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

test('off by default, and off means no request to the feed', async () => {
  expect(defaultSettings().updates).toEqual({ check: false, feedUrl: DEFAULT_UPDATE_FEED });
  const feed = await feedOf('2.0.0');
  const { core: herald, changes } = await core({ updates: { feedUrl: feed.url } });
  await pause(300);
  expect(feed.requests).toEqual([]);
  expect(changes).toEqual([]);
  expect(await dispatch(herald.handlers, 'updates.get', {})).toEqual({
    ok: true,
    value: { settings: { check: false, feedUrl: feed.url }, last: null, checking: false },
  });
});

test('turned on it checks at once, saves the setting, and "check now" checks again', async () => {
  const feed = await feedOf('2.0.0');
  const { core: herald, changes, dir } = await core({ updates: { feedUrl: feed.url } });
  const reply = await dispatch(herald.handlers, 'updates.configure', { check: true });
  expect(reply).toMatchObject({ ok: true, value: { settings: { check: true }, checking: true } });
  const available = await eventually('an updates.changed with the newer version', () =>
    changes.find((view) => !view.checking && view.last?.newer),
  );
  expect(available.last).toMatchObject({ current: '1.0.0', latest: '2.0.0', newer: true });
  expect(feed.requests).toEqual(['/releases/latest.yml']);
  expect(new JsonSettingsRepo(join(dir.path, 'config.json')).load().updates.check).toBe(true);
  // The app state (tray item, banner) carries the newer version and where to read about it.
  expect(herald.getState().update).toMatchObject({ version: '2.0.0', releaseUrl: expect.stringMatching(/^http/) });

  feed.reply = { body: latestYml('1.0.0') };
  expect(await dispatch(herald.handlers, 'updates.check', {})).toMatchObject({
    ok: true,
    value: { latest: '1.0.0', newer: false },
  });
  expect(feed.requests).toHaveLength(2);
  expect(await dispatch(herald.handlers, 'updates.get', {})).toMatchObject({
    value: { last: { latest: '1.0.0', newer: false }, checking: false },
  });
  expect(herald.getState().update).toBeNull();
});

test('on at start, it checks at start', async () => {
  const feed = await feedOf('1.1.0');
  const { core: herald } = await core({ updates: { check: true, feedUrl: feed.url } });
  await eventually('a request at start', () => feed.requests.length === 1);
  await eventually('the outcome', async () => {
    const reply = await dispatch(herald.handlers, 'updates.get', {});
    return reply.ok && (reply.value as { last: { latest?: string } | null }).last?.latest === '1.1.0';
  });
});

test('a feed URL that is not http(s) is refused and nothing changes', async () => {
  const { core: herald } = await core({});
  for (const feedUrl of ['file:///etc/passwd', 'not a url', 'javascript:alert(1)']) {
    expect(await dispatch(herald.handlers, 'updates.configure', { feedUrl })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: 'updates.configure: feedUrl: the update feed must be an http(s) URL' },
    });
  }
  expect(await dispatch(herald.handlers, 'updates.get', {})).toMatchObject({
    value: { settings: { feedUrl: DEFAULT_UPDATE_FEED } },
  });
});

test('a policy that locks the updates settings puts them back at start and refuses changes', async () => {
  const feed = await feedOf('2.0.0');
  const { core: herald, dir } = await core(
    { updates: { check: true, feedUrl: feed.url } },
    { version: 1, settings: { updates: { check: false } }, lock: ['updates'] },
  );
  const reply = await dispatch(herald.handlers, 'updates.configure', { check: true });
  expect(reply).toEqual({
    ok: false,
    error: {
      code: 'conflict',
      message: `your administrator's policy (${join(dir.path, 'policy.json')}) locks the update settings: it cannot be changed here`,
    },
  });
  expect(await dispatch(herald.handlers, 'updates.check', {})).toMatchObject({
    ok: false,
    error: { code: 'conflict', message: /locks the update settings: checking for updates is turned off$/ },
  });
  await pause(200);
  expect(feed.requests).toEqual([]);
});

test('regular checks follow the interval and stop when turned off', async () => {
  const feed = await feedOf('1.0.0');
  let settings = { check: true, feedUrl: feed.url };
  const service = new UpdateService({
    settings: () => settings,
    version: '1.0.0',
    onChange: () => {},
    intervalMs: 100,
  });
  cleanups.push(() => service.stop());
  service.settingsChanged();
  await eventually('three checks', () => feed.requests.length >= 3, 5_000);
  settings = { ...settings, check: false };
  service.settingsChanged({ ...settings, check: true });
  await pause(50);
  const after = feed.requests.length;
  await pause(400);
  expect(feed.requests.length).toBe(after);
});
