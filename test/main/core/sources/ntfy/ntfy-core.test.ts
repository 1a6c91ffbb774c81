// An ntfy source in the real core, as `herald serve --source` composes it: messages reach the inbox through
// the whole pipeline, updates fold, and the inbox commands show title, body and extras.
import { afterEach, expect, test } from 'vitest';
import { dispatch } from '../../../../../src/shared/contract.ts';
import type { MessageDetail, MessageSummary } from '../../../../../src/shared/model.ts';
import { eventually, startTestCore, tempDir, type TestCore } from '../../../../helpers/core.ts';
import { NtfyTestServer } from '../../../../helpers/ntfy-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function list(t: TestCore): Promise<MessageSummary[]> {
  const reply = await dispatch(t.core.handlers, 'inbox.list', { limit: 100 });
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.value as { items: MessageSummary[] }).items;
}

async function get(t: TestCore, id: number): Promise<MessageDetail> {
  const reply = await dispatch(t.core.handlers, 'inbox.get', { id });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as MessageDetail;
}

test('an ntfy source given on the command line delivers into the inbox with its fields, updates folded', async () => {
  const server = await NtfyTestServer.start();
  cleanups.push(() => server.stop());
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  const t = await startTestCore({
    dataDir: dir.path,
    brokerPort: 'off',
    extraSources: [{ kind: 'ntfy', url: server.url, topics: ['alerts'], name: 'Office ntfy' }],
  });
  cleanups.push(() => t.stop());
  await eventually(
    'the ntfy source to connect',
    () => t.core.getState().sources.find((s) => s.kind === 'ntfy')?.status.state === 'connected',
  );

  server.publish('alerts', {
    title: 'Printer',
    message: 'Toner low on floor 2',
    priority: 4,
    tags: ['warning', 'floor-2'],
    click: 'https://printers.lan/2',
    actions: [{ id: 'a1', action: 'view', label: 'Open', url: 'https://printers.lan/2', clear: true }],
    sequenceId: 'toner-2',
  });
  const [first] = await eventually('the message in the inbox', async () => {
    const items = await list(t);
    return items.length === 1 ? items : null;
  });
  expect(first).toMatchObject({
    sourceName: 'Office ntfy',
    topic: 'alerts',
    title: '⚠️ Printer',
    preview: 'Toner low on floor 2',
    priority: 4,
  });
  const detail = await get(t, first!.id);
  expect(detail).toMatchObject({ body: 'Toner low on floor 2', bodyKind: 'text' });
  expect(detail.extras).toMatchObject({
    clickUrl: 'https://printers.lan/2',
    tags: ['floor-2'],
    actions: [{ action: 'view', label: 'Open', url: 'https://printers.lan/2', clear: true }],
    serverId: expect.any(String),
  });
  await eventually('a notification', () => t.eventsOf('notify').some((n) => n.title === '⚠️ Printer'));

  server.publish('alerts', {
    title: 'Printer',
    message: 'Toner replaced',
    tags: ['white_check_mark'],
    sequenceId: 'toner-2',
  });
  const [updated] = await eventually('the update to replace the entry', async () => {
    const items = await list(t);
    return items.length === 1 && items[0]!.preview === 'Toner replaced' ? items : null;
  });
  expect(updated!.title).toBe('✅ Printer');
  await eventually('the UI to hear that the old entry is gone', () =>
    t.eventsOf('inbox.changed').some((c) => c.removedIds?.includes(first!.id)),
  );
  expect(t.core.getState()).toMatchObject({ total: 1, unread: 1 });
});
