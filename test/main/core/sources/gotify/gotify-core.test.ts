// A Gotify source in the real core, as `herald serve --source` composes it: the client token given with
// the source reaches the server, and messages reach the inbox through the whole pipeline.
import { afterEach, expect, test } from 'vitest';
import { dispatch } from '../../../../../src/shared/contract.ts';
import type { MessageDetail, MessageSummary } from '../../../../../src/shared/model.ts';
import { eventually, startTestCore, tempDir } from '../../../../helpers/core.ts';
import { GotifyTestServer } from '../../../../helpers/gotify-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

test('a Gotify source given on the command line delivers into the inbox with its application and extras', async () => {
  const server = await GotifyTestServer.start({
    clientTokens: ['CcoreToken'],
    apps: [{ id: 4, name: 'Alarm', image: 'image/alarm.png' }],
  });
  cleanups.push(() => server.stop());
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  const t = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'gotify', url: server.url, name: 'Home Gotify', token: 'CcoreToken' }],
  });
  cleanups.push(() => t.stop());
  await eventually(
    'the Gotify source to connect',
    () => t.core.getState().sources.find((s) => s.kind === 'gotify')?.status.state === 'connected',
  );

  server.publish(4, {
    title: 'Motion',
    message: 'Hall sensor',
    priority: 9,
    extras: { 'client::notification': { click: { url: 'https://cam.lan/hall' } } },
  });
  const item = await eventually('the message in the inbox', async () => {
    const reply = await dispatch(t.core.handlers, 'inbox.list', { limit: 10 });
    return reply.ok ? (reply.value as { items: MessageSummary[] }).items[0] : undefined;
  });
  expect(item).toMatchObject({
    sourceName: 'Home Gotify',
    topic: 'Alarm',
    title: 'Motion',
    preview: 'Hall sensor',
    priority: 5,
  });
  const reply = await dispatch(t.core.handlers, 'inbox.get', { id: item.id });
  expect(reply.ok).toBe(true);
  expect((reply as { value: MessageDetail }).value.extras).toMatchObject({
    clickUrl: 'https://cam.lan/hall',
    icon: `${server.url}/image/alarm.png`,
    serverId: '1',
  });
});
