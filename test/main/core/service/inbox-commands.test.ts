// The inbox commands through the contract's dispatch, on a real inbox file: mark all read for a filter walks in
// steps and pushes what it marked; mark unread, pin and delete; a retention rule that would delete everything
// it applies to is refused with the count until confirmed, and then purged.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../../src/shared/contract.ts';
import { createInboxHandlers, MARK_STEP } from '../../../../src/main/core/service/inbox-handlers.ts';
import { defaultSettings, type Settings } from '../../../../src/main/core/settings/schema.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { RetentionRunner } from '../../../../src/main/core/store/retention-runner.ts';
import { tempDir } from '../../../helpers/core.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';
import { StoreWrites } from '../../../../src/main/core/store/inbox-writes.ts';

let dir: { path: string; remove(): void };
let store: MessageStore;
let settings: Settings;
let changes: { readIds?: number[]; unreadIds?: number[]; allRead?: boolean }[];
let removed: number[];
let runner: RetentionRunner;
let handlers: Handlers;

async function call(channel: string, payload: unknown): Promise<unknown> {
  const reply = await dispatch(handlers, channel, payload);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

beforeEach(() => {
  dir = tempDir('herald-inbox-commands-');
  store = MessageStore.open(join(dir.path, 'inbox.sqlite'));
  settings = defaultSettings();
  changes = [];
  removed = [];
  runner = new RetentionRunner({
    store,
    writes: new StoreWrites(store),
    rules: () => settings.inbox.retention,
    onRemoved: (ids) => removed.push(...ids),
    onProgress: () => {},
    onError: (err) => {
      throw err;
    },
  });
  handlers = createInboxHandlers({
    store,
    writes: new StoreWrites(store),
    readChanged: (change) => changes.push(change),
    removed: (ids) => removed.push(...ids),
    settings: () => settings,
    saveSettings: (next) => (settings = next),
    retention: runner,
  }) as Handlers;
});
afterEach(() => {
  runner.stop();
  store.close();
  dir.remove();
});

describe('inbox commands', () => {
  it('marks all read for a topic filter in steps, pushing the ids it marked', async () => {
    const count = MARK_STEP * 4 + 10;
    const ids = insert(
      store,
      Array.from({ length: count }, (_, i) => newMessage(`m${i}`, { topic: i % 2 ? 'a/odd' : 'a/even' })),
    ).map((m) => m.id);
    const reply = await call('inbox.markAllRead', { filters: { topic: 'a/odd' } });
    expect(reply).toEqual({ unread: count / 2, marked: count / 2 });
    // More than one step, each pushed as it committed.
    expect(changes.length).toBeGreaterThanOrEqual(3);
    const pushed = changes.flatMap((c) => c.readIds ?? []).sort((a, b) => a - b);
    expect(pushed).toEqual(ids.filter((_, i) => i % 2 === 1));
    expect(await call('inbox.markAllRead', {})).toEqual({ unread: 0, marked: count / 2 });
    expect(changes.at(-1)).toEqual({ allRead: true });
  });

  it('marks unread, pins and deletes', async () => {
    const ids = insert(store, [newMessage('a'), newMessage('b'), newMessage('c')]).map((m) => m.id);
    await call('inbox.markAllRead', {});
    expect(await call('inbox.markUnread', { ids: [ids[0]] })).toEqual({ unread: 1 });
    expect(changes.at(-1)).toEqual({ unreadIds: [ids[0]] });
    expect(await call('inbox.pin', { ids: [ids[1], ids[1]], pinned: true })).toEqual({ ids: [ids[1]] });
    expect(await call('inbox.delete', { ids: [ids[0], ids[2]] })).toEqual({
      deleted: [ids[0], ids[2]],
      unread: 0,
      total: 1,
    });
    expect(removed).toEqual([ids[0], ids[2]]);
    await expect(call('inbox.delete', { ids: [] })).rejects.toThrow('invalid_request');
  });

  it('refuses a retention rule that deletes everything it applies to until confirmed, keeping pinned ones', async () => {
    const old = Date.now() - 10 * 86_400_000;
    const ids = insert(
      store,
      Array.from({ length: 12 }, (_, i) => newMessage(`m${i}`, { topic: 'logs/x', receivedAt: old })),
    ).map((m) => m.id);
    insert(store, [newMessage('kept', { topic: 'other' })]);
    store.pin([ids[0]!], true);
    const rules = [{ topic: 'logs/#', maxAgeDays: 1 }];
    await expect(call('inbox.setRetention', { rules })).rejects.toThrow(
      'conflict: retention rule 1 would delete all 11 messages it applies to (pinned ones are kept); confirm to apply it',
    );
    expect(settings.inbox.retention).toEqual([]);
    expect(store.counts().total).toBe(13);

    await expect(call('inbox.setRetention', { rules: [{ topic: 'logs/#' }] })).rejects.toThrow(
      'a retention rule needs maxAgeDays or maxCount',
    );
    expect(await call('inbox.setRetention', { rules, confirm: true })).toEqual({ rules });
    await runner.run();
    expect(store.counts().total).toBe(2);
    expect(removed).toHaveLength(11);
    expect(await call('inbox.getRetention', {})).toEqual({ rules, purge: null });
  });
});
