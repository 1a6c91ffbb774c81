// Read state at any size: "mark all read" is a watermark plus exceptions; pins stay on top; deletion; and an
// inbox from before (schema version 4) keeps its read state through the upgrade. Counts (the badge) always
// agree with what the list shows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src/main/core/store/migrations.ts';
import { MessageStore, type ListFilters } from '../../../../src/main/core/store/message-store.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';

let dir: string;
let file: string;
let store: MessageStore;

function add(count: number, topic = 'home/door'): number[] {
  const messages = Array.from({ length: count }, (_, i) => newMessage(`m ${i}`, { topic }));
  return insert(store, messages).map((summary) => summary.id);
}

/** Every page of the list, as ids (pinned first), walking the keyset cursor. */
function listAll(filters: ListFilters = {}): { ids: number[]; pinned: number[]; unread: number } {
  const first = store.list({ ...filters, limit: 7 });
  const pinned = (first.pinned ?? []).map((m) => m.id);
  const ids: number[] = [];
  let unread = (first.pinned ?? []).filter((m) => !m.read).length;
  let page = first;
  for (;;) {
    ids.push(...page.items.map((m) => m.id));
    unread += page.items.filter((m) => !m.read).length;
    if (page.nextBefore === null) break;
    page = store.list({ ...filters, limit: 7, before: page.nextBefore });
  }
  return { ids, pinned, unread };
}

/** The badge's count, the unread-only list and the read flags of the full list all say the same. */
function expectCountsAgree(): void {
  const unreadList = listAll({ unreadOnly: true });
  const full = listAll();
  const counts = store.counts();
  expect(unreadList.ids.length + unreadList.pinned.length).toBe(counts.unread);
  expect(full.unread).toBe(counts.unread);
  expect(full.ids.length + full.pinned.length).toBe(counts.total);
  // So do the sidebar's counts per source and topic, each against its own filtered list.
  const topics = store.topicCounts();
  expect(topics.reduce((sum, t) => sum + t.unread, 0)).toBe(counts.unread);
  expect(topics.reduce((sum, t) => sum + t.total, 0)).toBe(counts.total);
  for (const t of topics) {
    const unreadOfTopic = listAll({ sourceId: t.sourceId, topic: t.topic, unreadOnly: true });
    expect(unreadOfTopic.ids.length + unreadOfTopic.pinned.length).toBe(t.unread);
    expect(t.total).toBeGreaterThan(0);
  }
  // A fresh open counts from the database and finds the same.
  const again = MessageStore.open(file, { readOnly: true });
  try {
    expect(again.counts()).toEqual(counts);
  } finally {
    again.close();
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-read-state-'));
  file = join(dir, 'inbox.sqlite');
  store = MessageStore.open(file);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('read watermark', () => {
  it('marks everything read without touching messages that arrive afterwards', () => {
    add(20);
    expect(store.markAllRead()).toBe(20);
    expect(store.counts().unread).toBe(0);
    const later = add(3);
    expect(store.counts().unread).toBe(3);
    expect(listAll({ unreadOnly: true }).ids).toEqual([...later].reverse());
    expectCountsAgree();
  });

  it('keeps exceptions: a message marked unread after mark-all is unread, and read again once opened', () => {
    const ids = add(10);
    store.markAllRead();
    expect(store.markUnread([ids[2]!, ids[5]!, 99_999])).toEqual([ids[2], ids[5]]);
    expect(store.markUnread([ids[2]!])).toEqual([]);
    expect(store.counts().unread).toBe(2);
    expect(store.get(ids[2]!)?.read).toBe(false);
    expect(listAll({ unreadOnly: true }).ids).toEqual([ids[5], ids[2]]);
    expectCountsAgree();

    expect(store.markRead([ids[5]!])).toEqual([ids[5]]);
    expect(store.counts().unread).toBe(1);
    expectCountsAgree();
    // A second mark-all clears the remaining exception.
    expect(store.markAllRead()).toBe(1);
    expect(listAll({ unreadOnly: true }).ids).toEqual([]);
    expectCountsAgree();
  });

  it('marks unread and read above the watermark on the rows themselves', () => {
    const before = add(3);
    store.markAllRead();
    const after = add(3);
    expect(store.markRead([after[0]!])).toEqual([after[0]]);
    expect(store.markUnread([after[0]!, before[1]!])).toEqual([after[0], before[1]]);
    expect(store.counts().unread).toBe(4);
    expect(listAll({ unreadOnly: true }).ids).toEqual([after[2], after[1], after[0], before[1]]);
    expectCountsAgree();
  });

  it('lists unread only with filters and search from both sides of the watermark', () => {
    const doors = add(10, 'home/door');
    const temps = add(10, 'home/temp');
    store.markAllRead();
    store.markUnread([doors[1]!, doors[4]!, temps[2]!]);
    const later = add(3, 'home/door');
    const filters = { unreadOnly: true, topic: 'home/+' } as const;
    expect(listAll({ ...filters, topic: 'home/door' }).ids).toEqual(
      [...later].reverse().concat([doors[4]!, doors[1]!]),
    );
    expect(listAll({ ...filters, search: 'm' }).ids).toHaveLength(6);
    expect(listAll({ ...filters, search: 'door' }).ids).toEqual([...later].reverse().concat([doors[4]!, doors[1]!]));
    // Oldest first (export with --unread): the exceptions, then what came after the watermark.
    expect([...store.exportAll({ unreadOnly: true, topic: 'home/door' })].map((row) => row.id)).toEqual([
      doors[1],
      doors[4],
      ...later,
    ]);
    expectCountsAgree();
  });

  it('marks all read for a filter only what matches, in bounded steps', () => {
    const doors = add(12, 'home/door');
    const temps = add(8, 'home/temp');
    expect(store.markReadStep({ topic: 'home/temp' }, store.newestId() + 1, 100)).toEqual({
      marked: [...temps].reverse(),
      next: null,
    });
    expect(store.counts().unread).toBe(12);
    // A step looks at `limit` matching messages, read or not, and says where the next one starts.
    store.markRead([doors[10]!]);
    expect(store.markReadStep({ topic: 'home/door' }, doors[11]! + 1, 3)).toEqual({
      marked: [doors[11], doors[9]],
      next: doors[9],
    });
    expect(store.counts().unread).toBe(9);
    expectCountsAgree();
  });
});

describe('pins and deletion', () => {
  it('keeps pinned messages on top of the first page, out of the pages below', () => {
    const ids = add(20);
    expect(store.pin([ids[3]!, ids[10]!], true)).toEqual([ids[3], ids[10]]);
    expect(store.pin([ids[3]!], true)).toEqual([]);
    const { ids: rest, pinned } = listAll();
    expect(pinned).toEqual([ids[10], ids[3]]);
    expect(rest).not.toContain(ids[3]);
    expect(rest).toHaveLength(18);
    // Filters apply to pins too; a later page carries no pins.
    expect(store.list({ limit: 5, topic: 'other/#' }).pinned).toEqual([]);
    expect(store.list({ limit: 5, before: ids[15]! }).pinned).toBeUndefined();
    expect(store.get(ids[3]!)?.pinned).toBe(true);
    // A search lifts its pinned matches too (search-pins.test.ts has the details).
    const found = store.list({ limit: 50, search: 'm' });
    expect(found.pinned?.map((m) => m.id)).toEqual([ids[10], ids[3]]);
    expect(found.items.some((m) => m.pinned)).toBe(false);

    store.pin([ids[3]!], false);
    expect(listAll().pinned).toEqual([ids[10]]);
    expectCountsAgree();
  });

  it('deletes single and bulk, keeping counts, search and read exceptions in step', () => {
    const ids = add(10);
    store.markAllRead();
    store.markUnread([ids[1]!, ids[2]!]);
    const more = add(2);
    expect(store.delete([ids[1]!, ids[4]!, more[0]!, 12_345])).toEqual([ids[1], ids[4], more[0]]);
    expect(store.counts()).toEqual({ total: 9, unread: 2 });
    expect(store.get(ids[1]!)).toBeNull();
    expect(store.list({ limit: 50, search: 'm' }).items.map((m) => m.id)).not.toContain(ids[4]);
    expectCountsAgree();
  });
});

describe('counts per source and topic', () => {
  it('follow replaced, cleared and deleted entries of push servers', () => {
    const counts = () => store.topicCounts().map(({ topic, total, unread }) => ({ topic, total, unread }));
    insert(store, [newMessage('v1', { topic: 'ntfy/a', foldKey: 'k' }), newMessage('x', { topic: 'ntfy/b' })]);
    insert(store, [newMessage('v2', { topic: 'ntfy/a', foldKey: 'k' })]);
    expect(counts()).toEqual([
      { topic: 'ntfy/a', total: 1, unread: 1 },
      { topic: 'ntfy/b', total: 1, unread: 1 },
    ]);
    // A clear on a new message that is itself not stored (no content) marks the entry read.
    store.applyBatch([{ ...newMessage('', { topic: 'ntfy/a', foldKey: 'k' }), op: 'clear' }]);
    expect(counts()[0]).toEqual({ topic: 'ntfy/a', total: 1, unread: 0 });
    store.applyBatch([{ ...newMessage('', { topic: 'ntfy/a', foldKey: 'k' }), op: 'delete' }]);
    expect(counts()).toEqual([{ topic: 'ntfy/b', total: 1, unread: 1 }]);
    expectCountsAgree();
  });
});

describe('an inbox from before read watermarks', () => {
  it('upgrades with every message keeping its read state', () => {
    store.close();
    rmSync(file);
    const db = new DatabaseSync(file);
    const oldVersion = 4;
    for (let v = 0; v < oldVersion; v++) db.exec(MIGRATIONS[v]!);
    db.exec(`PRAGMA user_version = ${oldVersion}`);
    const row = db.prepare(
      `INSERT INTO messages (source_id, source_name, topic, preview, body, body_kind, priority, received_at, size, read)
       VALUES ('src-1', 'Old', 'old/t', '', 'old', 'text', 3, ?, 3, ?)`,
    );
    for (let i = 1; i <= 6; i++) row.run(1000 + i, i % 3 === 0 ? 1 : 0);
    db.close();

    store = MessageStore.open(file);
    expect(store.counts()).toEqual({ total: 6, unread: 4 });
    expect(listAll({ unreadOnly: true }).ids).toEqual([5, 4, 2, 1]);
    expect(listAll().pinned).toEqual([]);
    store.pin([2], true);
    store.markAllRead();
    expect(store.counts().unread).toBe(0);
    expectCountsAgree();
  });
});
