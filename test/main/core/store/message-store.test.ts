import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageDetail, MessageSummary } from '../../../../src/shared/model.ts';
import type { MessageEnvelope, NewMessage } from '../../../../src/main/core/messages.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';

let dir: string;
let file: string;
const opened: MessageStore[] = [];

function open(options?: { readOnly?: boolean }): MessageStore {
  const store = MessageStore.open(file, options);
  opened.push(store);
  return store;
}

function message(content: string | Uint8Array, extra: Partial<MessageEnvelope> = {}): NewMessage {
  return newMessage(content, { receivedAt: Date.UTC(2025, 0, 2, 3, 4, 5), ...extra });
}

function messages(count: number, start = 0): NewMessage[] {
  return Array.from({ length: count }, (_, i) => message(`message ${start + i}`));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-store-'));
  file = join(dir, 'nested', 'inbox.sqlite');
});

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('MessageStore', () => {
  it('creates its folder, inserts and returns summaries in order with the topic as fallback title', () => {
    const store = open();
    const summaries = insert(store, [
      message('{"title":"Door","message":"opened","priority":"high"}'),
      message('no title here', { topic: 'home/hall' }),
    ]);
    expect(summaries).toHaveLength(2);
    expect(summaries[1]!.id).toBeGreaterThan(summaries[0]!.id);
    expect(summaries[0]).toMatchObject({
      title: 'Door',
      preview: 'opened',
      priority: 4,
      read: false,
      bodyKind: 'json',
    });
    expect(summaries[1]).toMatchObject({ title: 'home/hall', topic: 'home/hall', preview: 'no title here' });
    for (const summary of summaries) MessageSummary.parse(summary);
    expect(store.list({ limit: 10 }).items).toEqual([...summaries].reverse());
    expect(store.counts()).toEqual({ unread: 2, total: 2 });
  });

  it('pages newest first over 2,500 rows without gaps or repeats', () => {
    const store = open();
    const inserted = insert(store, messages(2500));
    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    for (;;) {
      const page = store.list({ limit: 100, ...(before === undefined ? {} : { before }) });
      seen.push(...page.items.map((item) => item.id));
      pages++;
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    const expected = inserted.map((s) => s.id).reverse();
    expect(seen).toEqual(expected);
    // 25 full pages, then one empty page confirms the end (a full last page cannot know it is last).
    expect(pages).toBe(26);
    expect(store.list({ limit: 1000 }).nextBefore).toBe(expected[999]);
    expect(store.list({ limit: 3000 }).nextBefore).toBeNull();
  });

  it('lists only unread messages when asked and keeps counts right through markRead and markAllRead', () => {
    const store = open();
    const ids = insert(store, messages(10)).map((s) => s.id);
    expect(store.markRead([ids[0]!, ids[1]!, ids[1]!, 999_999])).toEqual([ids[0], ids[1]]);
    expect(store.markRead([ids[0]!])).toEqual([]);
    expect(store.counts()).toEqual({ unread: 8, total: 10 });

    const unread = store.list({ limit: 100, unreadOnly: true }).items;
    expect(unread.map((s) => s.id)).toEqual(ids.slice(2).reverse());
    expect(unread.every((s) => !s.read)).toBe(true);
    expect(store.get(ids[0]!)!.read).toBe(true);

    const page = store.list({ limit: 3, unreadOnly: true, before: ids[6]! });
    expect(page.items.map((s) => s.id)).toEqual([ids[5], ids[4], ids[3]]);

    expect(store.markAllRead()).toBe(8);
    expect(store.markAllRead()).toBe(0);
    expect(store.counts()).toEqual({ unread: 0, total: 10 });
    expect(store.list({ limit: 100, unreadOnly: true }).items).toEqual([]);
  });

  it('skips a duplicate dedupe key from the same source but not from another source or without a key', () => {
    const store = open();
    const first = insert(store, [message('a', { dedupeKey: 'k1' }), message('b', { dedupeKey: 'k1' })]);
    expect(first.map((s) => s.preview)).toEqual(['a']);
    const again = store.applyBatch([
      message('c', { dedupeKey: 'k1' }),
      message('d', { dedupeKey: 'k1', sourceId: 'src-2' }),
      message('e'),
      message('f'),
    ]).results;
    expect(again.map((s) => s?.preview ?? null)).toEqual([null, 'd', 'e', 'f']);
    expect(store.counts()).toEqual({ unread: 4, total: 4 });
  });

  it('stores nothing when a batch fails', () => {
    const store = open();
    const bad = { ...message('bad'), bodyKind: undefined } as unknown as NewMessage;
    expect(() => insert(store, [message('good'), bad])).toThrow();
    expect(store.counts()).toEqual({ unread: 0, total: 0 });
    expect(store.list({ limit: 10 }).items).toEqual([]);
    expect(insert(store, [message('later')])).toHaveLength(1);
  });

  it('keeps messages, read state and counts across close and reopen', () => {
    const first = open();
    const ids = insert(first, messages(5)).map((s) => s.id);
    first.markRead([ids[0]!]);
    first.close();

    const reopened = open();
    expect(reopened.counts()).toEqual({ unread: 4, total: 5 });
    expect(reopened.list({ limit: 10 }).items.map((s) => s.id)).toEqual([...ids].reverse());
    const [next] = insert(reopened, [message('after restart')]);
    expect(next!.id).toBeGreaterThan(ids[4]!);
  });

  it('shows binary as a hex dump, JSON pretty-printed with exact numbers, text as is, and properties', () => {
    const store = open();
    const [bin, json, text, badJson] = insert(store, [
      message(
        Uint8Array.from({ length: 20 }, (_, i) => (i === 0 ? 0xde : i)),
        { properties: { qos: 1, retain: false } },
      ),
      message('{"title":"T","n":12345678901234567890,"list":[1,2]}'),
      message('<img src=x onerror=alert(1)>'),
      { ...message('{"broken":'), bodyKind: 'json' },
    ]);

    const binDetail = store.get(bin!.id)!;
    MessageDetail.parse(binDetail);
    expect(binDetail.body).toBe(
      '00000000  de 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  |................|\n' +
        '00000010  10 11 12 13                                      |....|',
    );
    expect(binDetail.properties).toEqual({ qos: 1, retain: false });
    expect(binDetail.preview).toBe('de 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13');

    expect(store.get(json!.id)!.body).toBe(
      '{\n  "title": "T",\n  "n": 12345678901234567890,\n  "list": [\n    1,\n    2\n  ]\n}',
    );
    expect(store.get(json!.id)!.properties).toBeUndefined();
    expect(store.get(text!.id)!.body).toBe('<img src=x onerror=alert(1)>');
    expect(store.get(badJson!.id)!.body).toBe('{"broken":');
    expect(store.get(123_456)).toBeNull();
  });

  it('exports oldest first with ISO dates, source names and binary as plain hex', () => {
    const store = open();
    insert(store, [message('hello'), message(new Uint8Array([0xde, 0xad, 0x00]))]);
    insert(store, messages(2100));
    const rows = [...store.exportAll()];
    expect(rows).toHaveLength(2102);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r.id)).size).toBe(2102);
    expect(rows[0]).toEqual({
      id: rows[0]!.id,
      source: 'Home broker',
      topic: 'home/door',
      title: 'home/door',
      body: 'hello',
      priority: 3,
      receivedAt: '2025-01-02T03:04:05.000Z',
      read: false,
      bodyKind: 'text',
      truncated: false,
      size: 5,
      notified: true,
      rule: null,
    });
    expect(rows[1]).toMatchObject({ body: 'dead00', bodyKind: 'binary' });
  });

  it('lets a read-only instance see committed rows while the writer stays open', () => {
    const writer = open();
    insert(writer, messages(3));
    const reader = open({ readOnly: true });
    expect(reader.counts()).toEqual({ unread: 3, total: 3 });

    const [late] = insert(writer, [message('written while the reader is open')]);
    expect(reader.get(late!.id)?.body).toBe('written while the reader is open');
    expect(reader.list({ limit: 10 }).items).toHaveLength(4);
    expect(() => insert(reader, [message('nope')])).toThrow(/readonly/i);
    expect(insert(writer, [message('writer still works')])).toHaveLength(1);
  });

  it('refuses a file that is not SQLite with a clear error and leaves it in place', () => {
    const notes = join(dir, 'inbox.sqlite');
    const content = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(notes, content);
    for (const readOnly of [false, true]) {
      expect(() => MessageStore.open(notes, { readOnly })).toThrow(
        new RegExp(`${notes.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: it is not a valid SQLite database`),
      );
    }
    expect(readFileSync(notes, 'utf8')).toBe(content);
  });

  it('names the file when a read-only open finds nothing there', () => {
    const missing = join(dir, 'missing.sqlite');
    expect(() => MessageStore.open(missing, { readOnly: true })).toThrow(missing);
  });
});
