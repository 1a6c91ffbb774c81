// Pinned messages stay on top with a search too: the first page carries the pinned matches, newest first, and
// the pages below hold the other matches in the usual order, without gaps or repeats, for any mix of filters.
// Real SQLite files: the pins are found through the search index (a pin token), kept right on pin and unpin,
// by the background indexing of an old inbox, and by the upgrade of an inbox pinned before the token existed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageStore, type ListOptions } from '../../../../src/main/core/store/message-store.ts';
import { MIGRATIONS } from '../../../../src/main/core/store/migrations.ts';
import { contentOf, INDEXED_COLUMNS, indexedText } from '../../../../src/main/core/store/search-index.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';

const COUNT = 120;
const PAGE = 7;
const START = Date.UTC(2025, 0, 1);
const ROOMS = ['hall', 'attic', 'cellar'];

/** What the test knows of message i (0-based), to work out by itself what every query must return. */
interface Known {
  i: number;
  id: number;
  body: string;
  sourceId: string;
  topic: string;
  priority: number;
  receivedAt: number;
}

let dir: string;
let file: string;
let store: MessageStore;
let known: Known[];
let pinned: Set<number>;
let unread: Set<number>;

function fill(): void {
  const messages = Array.from({ length: COUNT }, (_, i) => {
    const body = i % 2 === 1 ? 'fridge sensor' : 'garage door';
    const source = i % 4 < 2 ? { sourceId: 'src-a', sourceName: 'Home' } : { sourceId: 'src-b', sourceName: 'Office' };
    const envelope = { ...source, topic: `home/${ROOMS[i % 3]}/temp`, receivedAt: START + i * 1000 };
    return newMessage(JSON.stringify({ title: `reading ${i}`, message: body, priority: 1 + (i % 5) }), envelope);
  });
  const stored = insert(store, messages);
  known = stored.map((m, i) => ({
    i,
    id: m.id,
    body: i % 2 === 1 ? 'fridge sensor' : 'garage door',
    sourceId: m.sourceId,
    topic: m.topic,
    priority: m.priority,
    receivedAt: m.receivedAt,
  }));
  unread = new Set(known.map((m) => m.id));
}

function pin(positions: number[], value = true): void {
  const ids = positions.map((i) => known[i]!.id);
  store.pin(ids, value);
  for (const id of ids) {
    if (value) pinned.add(id);
    else pinned.delete(id);
  }
}

/** Every page of a query: the first page's pins, the items of all pages in order, and how many pages. */
function walk(filters: Omit<ListOptions, 'limit' | 'before'>): { pinned: number[]; items: number[]; pages: number } {
  const first = store.list({ ...filters, limit: PAGE });
  const items = first.items.map((m) => m.id);
  let before = first.nextBefore;
  let pages = 1;
  while (before !== null) {
    const page = store.list({ ...filters, limit: PAGE, before });
    expect(page.pinned).toBeUndefined();
    items.push(...page.items.map((m) => m.id));
    before = page.nextBefore;
    pages++;
  }
  return { pinned: (first.pinned ?? []).map((m) => m.id), items, pages };
}

/** Pinned matches newest first on top, then every other match newest first. */
function expected(match: (m: Known) => boolean): { pinned: number[]; items: number[] } {
  const newestFirst = known.filter(match).reverse();
  return {
    pinned: newestFirst.filter((m) => pinned.has(m.id)).map((m) => m.id),
    items: newestFirst.filter((m) => !pinned.has(m.id)).map((m) => m.id),
  };
}

function expectPinsFirst(filters: Omit<ListOptions, 'limit' | 'before'>, match: (m: Known) => boolean): void {
  const { pinned: top, items } = walk(filters);
  expect({ pinned: top, items }, JSON.stringify(filters)).toEqual(expected(match));
  expect(top.length, JSON.stringify(filters)).toBeGreaterThan(0);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-search-pins-'));
  file = join(dir, 'inbox.sqlite');
  store = MessageStore.open(file);
  pinned = new Set();
  fill();
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const fridge = (m: Known) => m.body.includes('fridge');
const at = (i: number) => START + i * 1000;

describe('pinned messages with a search', () => {
  it('come first, then the other matches newest first, across page boundaries', () => {
    pin([1, 2, 5, 9, 33, 58, 61, 90, 117]);
    expectPinsFirst({ search: 'fridge' }, fridge);
    expectPinsFirst({ search: 'fri' }, fridge);
    expectPinsFirst({ search: '"garage door"' }, (m) => m.body === 'garage door');
    expectPinsFirst({ search: 'sensor reading' }, fridge);
    const all = walk({ search: 'reading' });
    expect(all.pages).toBe(Math.ceil((COUNT - pinned.size) / PAGE));
    expect(new Set([...all.pinned, ...all.items]).size).toBe(COUNT);
    // A pin that does not match stays out.
    expect(walk({ search: '"garage door"' }).pinned).not.toContain(known[1]!.id);
  });

  it('come first with every filter combined with the search', () => {
    pin([1, 3, 5, 9, 13, 33, 58, 61, 89, 90, 117, 119]);
    // Read state from both sides of the read watermark: the first 80 read, some of them (pins too) unread again.
    store.markAllRead();
    for (const m of known) unread.delete(m.id);
    const again = [1, 5, 7, 9, 21, 61].map((i) => known[i]!.id);
    store.markUnread(again);
    again.forEach((id) => unread.add(id));
    const src = (m: Known) => m.sourceId === 'src-a';
    expectPinsFirst({ search: 'fridge', sourceId: 'src-a' }, (m) => fridge(m) && src(m));
    expectPinsFirst({ search: 'fridge', source: 'Home' }, (m) => fridge(m) && src(m));
    expectPinsFirst({ search: 'fridge', topic: 'home/attic/temp' }, (m) => fridge(m) && m.topic === 'home/attic/temp');
    expectPinsFirst({ search: 'fridge', topic: 'home/+/temp' }, fridge);
    expectPinsFirst({ search: 'fridge', topic: 'home/hall/#' }, (m) => fridge(m) && m.topic.startsWith('home/hall/'));
    expectPinsFirst({ search: 'fridge', minPriority: 4 }, (m) => fridge(m) && m.priority >= 4);
    expectPinsFirst({ search: 'fridge', since: at(30), until: at(100) }, (m) => fridge(m) && m.i >= 30 && m.i <= 100);
    expectPinsFirst({ search: 'fridge', unreadOnly: true }, (m) => fridge(m) && unread.has(m.id));
    expectPinsFirst({ search: 'fridge s' }, fridge);
    expectPinsFirst(
      { search: 'sens', sourceId: 'src-a', topic: 'home/+/temp', minPriority: 2, unreadOnly: true, since: at(1) },
      (m) => fridge(m) && src(m) && m.priority >= 2 && unread.has(m.id),
    );
  });

  it('come first with single letters only (looked for without the index) too', () => {
    pin([1, 2, 4, 117]);
    // "f": in "fridge" and in the source name "Office".
    expectPinsFirst({ search: 'f' }, (m) => fridge(m) || m.sourceId === 'src-b');
  });

  it('follow pin and unpin at once: an unpinned message goes back to its place', () => {
    pin([5, 61]);
    expectPinsFirst({ search: 'fridge' }, fridge);
    pin([5], false);
    pin([7]);
    expectPinsFirst({ search: 'fridge' }, fridge);
    expect(walk({ search: 'fridge' }).pinned).toEqual([known[61]!.id, known[7]!.id]);
    // The rest of each message's entry is unchanged by pinning: it is still found by its words and facets.
    expect(walk({ search: 'reading 61', sourceId: 'src-a', minPriority: 2 }).pinned).toEqual([known[61]!.id]);
    pin([61, 7], false);
    expect(walk({ search: 'fridge' })).toEqual({ pinned: [], items: expected(fridge).items, pages: 9 });
  });
});

describe('pins in an inbox from before the pin token', () => {
  it('are found on top after the upgrade (schema 5: pins indexed without the token)', () => {
    pin([1, 61, 117]);
    store.close();
    // Make the file what Herald with schema 5 left: the same rows, the pins' entries without the token.
    const db = new DatabaseSync(file);
    for (const row of db.prepare(`SELECT ${INDEXED_COLUMNS} FROM messages WHERE pinned = 1`).all()) {
      db.prepare('DELETE FROM messages_fts WHERE rowid = ?').run(row.id as number);
      const text = indexedText({ ...contentOf(row), pinned: false });
      db.prepare('INSERT INTO messages_fts (rowid, fts_text) VALUES (?, ?)').run(row.id as number, text);
    }
    db.exec('PRAGMA user_version = 5');
    db.close();
    store = MessageStore.open(file);
    expectPinsFirst({ search: 'fridge' }, fridge);
    expectPinsFirst({ search: 'reading', sourceId: 'src-a' }, (m) => m.sourceId === 'src-a');
  });

  it('are found on top once the background indexing of an old inbox reaches them', () => {
    store.close();
    rmSync(file);
    // Schema 3 (before search): nothing indexed; the upgrade leaves it to the background indexing.
    const db = new DatabaseSync(file);
    for (let v = 0; v < 3; v++) db.exec(MIGRATIONS[v]!);
    db.exec('PRAGMA user_version = 3');
    const row = db.prepare(
      `INSERT INTO messages (source_id, source_name, topic, title, preview, body, body_kind, priority, received_at, size)
       VALUES ('src-a', 'Old broker', 'old/t', ?, '', 'fridge sensor', 'text', 3, ?, 10)`,
    );
    for (let i = 1; i <= 50; i++) row.run(`old ${i}`, START + i);
    db.close();
    store = MessageStore.open(file);
    store.pin([10, 40], true);
    expect(store.list({ limit: 10, search: 'fridge' }).pinned).toEqual([]);
    while (store.indexSearchStep(20) > 0);
    const page = store.list({ limit: 10, search: 'fridge' });
    expect(page.pinned?.map((m) => m.id)).toEqual([40, 10]);
    expect(page.items.map((m) => m.id)).toEqual([50, 49, 48, 47, 46, 45, 44, 43, 42, 41]);
  });
});
