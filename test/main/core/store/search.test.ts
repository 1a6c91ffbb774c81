// Search and filters against a real SQLite file: FTS5 for words, phrases, prefixes and CJK, single letters,
// syntax FTS5 would reject, every filter, and keyset paging across filtered results.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageEnvelope, NewMessage } from '../../../../src/main/core/messages.ts';
import { MessageStore, type ListOptions } from '../../../../src/main/core/store/message-store.ts';
import { highlightParts, parseSearchQuery } from '../../../../src/shared/search-query.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';

let dir: string;
let store: MessageStore;

function msg(text: string, extra: Partial<MessageEnvelope> = {}): NewMessage {
  return newMessage(text, { receivedAt: Date.UTC(2025, 0, 2), ...extra });
}

function titles(options: Omit<ListOptions, 'limit'> & { limit?: number }): string[] {
  return store.list({ limit: 100, ...options }).items.map((m) => m.title);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-search-'));
  store = MessageStore.open(join(dir, 'inbox.sqlite'));
  insert(store, [
    msg('{"title":"Front door","message":"Open for 10 minutes","priority":4}', { topic: 'home/door' }),
    msg('{"title":"客厅温度 31°C","message":"太热了"}', { topic: 'home/living/temp' }),
    msg('{"title":"Temperature","message":"Kitchen is 24 °C","priority":2}', { topic: 'home/kitchen/temp' }),
    msg('{"title":"Backup done","message":"door to the archive closed"}', {
      topic: 'srv/backup',
      sourceId: 'src-2',
      sourceName: 'Office',
    }),
    msg('{"title":"Disk full","message":"sda at 99%","priority":5}', { topic: 'srv/disk', sourceId: 'src-2' }),
  ]);
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('search', () => {
  it('finds words in the title, body, topic and source name, newest first', () => {
    expect(titles({ search: 'door' })).toEqual(['Backup done', 'Front door']);
    expect(titles({ search: 'minutes' })).toEqual(['Front door']);
    expect(titles({ search: 'kitchen/temp' })).toEqual(['Temperature']);
    expect(titles({ search: 'office' })).toEqual(['Backup done']);
  });

  it('matches prefixes (with or without *) and is case-insensitive', () => {
    expect(titles({ search: 'TEMPER' })).toEqual(['Temperature']);
    expect(titles({ search: 'tempe*' })).toEqual(['Temperature']);
  });

  it('needs every word; a quoted phrase must occur as written', () => {
    expect(titles({ search: 'door open' })).toEqual(['Front door']);
    expect(titles({ search: '"door to the"' })).toEqual(['Backup done']);
    expect(titles({ search: '"front open"' })).toEqual([]);
  });

  it('finds CJK text, down to one character', () => {
    expect(titles({ search: '客厅温度' })).toEqual(['客厅温度 31°C']);
    const page = store.list({ limit: 10, search: '温度' });
    expect(page.items.map((m) => m.title)).toEqual(['客厅温度 31°C']);
    expect(page.notice).toBeUndefined();
    expect(titles({ search: '热' })).toEqual(['客厅温度 31°C']);
    expect(titles({ search: '度温' })).toEqual([]);
  });

  it('looks for a lone single letter in the newest messages, and says so', () => {
    const page = store.list({ limit: 10, search: 'q' });
    expect(page.items).toEqual([]);
    expect(page.notice).toMatch(/newest 50,000 messages/);
    expect(titles({ search: 'door q' })).toEqual([]);
    expect(titles({ search: 'door 0' })).toEqual(['Front door']);
  });

  it('treats FTS5 syntax as plain words and never fails', () => {
    for (const query of ['"unbalanced', '*', 'door AND', 'NOT', '(', 'a:b', '"', 'NEAR(door', "'", '^door', '100%']) {
      expect(() => store.list({ limit: 10, search: query })).not.toThrow();
    }
    expect(titles({ search: '"front door' })).toEqual(['Front door']);
    expect(titles({ search: '*' })).toHaveLength(5);
    expect(titles({ search: 'NOT door' })).toEqual([]);
    expect(titles({ search: '99%' })).toEqual(['Disk full']);
  });

  it('combines short words with long ones', () => {
    expect(titles({ search: 'door 10' })).toEqual(['Front door']);
  });

  it('drops removed entries from the index with the message', () => {
    const version = (title: string): NewMessage => ({ ...msg(JSON.stringify({ title })), foldKey: 'k' });
    insert(store, [version('alpha version')]);
    expect(titles({ search: 'alpha' })).toEqual(['alpha version']);
    insert(store, [version('beta version')]);
    expect(titles({ search: 'alpha' })).toEqual([]);
    expect(titles({ search: 'version' })).toEqual(['beta version']);
  });
});

describe('filters', () => {
  it('by source, priority, unread and date, combinable with search', () => {
    expect(titles({ sourceId: 'src-2' })).toEqual(['Disk full', 'Backup done']);
    expect(titles({ minPriority: 4 })).toEqual(['Disk full', 'Front door']);
    expect(titles({ search: 'door', sourceId: 'src-1' })).toEqual(['Front door']);
    const first = store.list({ limit: 100 }).items.at(-1)!;
    store.markRead([first.id]);
    expect(titles({ unreadOnly: true, search: 'door' })).toEqual(['Backup done']);
    insert(store, [msg('{"title":"late news"}', { receivedAt: Date.UTC(2025, 5, 1) })]);
    expect(titles({ since: Date.UTC(2025, 4, 1) })).toEqual(['late news']);
    expect(titles({ until: Date.UTC(2025, 4, 1), search: 'late' })).toEqual([]);
  });

  it('by MQTT topic filter with + and #', () => {
    expect(titles({ topic: 'home/door' })).toEqual(['Front door']);
    expect(titles({ topic: 'home/+/temp' })).toEqual(['Temperature', '客厅温度 31°C']);
    expect(titles({ topic: 'srv/#' })).toEqual(['Disk full', 'Backup done']);
    expect(titles({ topic: '+/disk' })).toEqual(['Disk full']);
    expect(titles({ topic: '#' })).toHaveLength(5);
    expect(titles({ topic: 'home/+' })).toEqual(['Front door']);
    insert(store, [msg('{"title":"the parent"}', { topic: 'srv' })]);
    expect(titles({ topic: 'srv/#' })).toEqual(['the parent', 'Disk full', 'Backup done']);
  });

  it('pages filtered results with nextBefore, without gaps or repeats', () => {
    const more = Array.from({ length: 250 }, (_, i) =>
      msg(`{"title":"reading ${i}","message":"value ${i}"}`, { topic: i % 3 === 0 ? 'lab/a/x' : 'lab/b/x' }),
    );
    insert(store, more);
    for (const filter of [{ search: 'reading', topic: 'lab/a/+' }, { topic: 'lab/+/x' }, { search: 'value 1' }]) {
      const all = titles({ ...filter, limit: 500 });
      const paged: string[] = [];
      let before: number | undefined;
      for (;;) {
        const page = store.list({ ...filter, limit: 7, ...(before === undefined ? {} : { before }) });
        paged.push(...page.items.map((m) => m.title));
        if (page.nextBefore === null) break;
        before = page.nextBefore;
      }
      expect(paged).toEqual(all);
      expect(all.length).toBeGreaterThan(7);
    }
  });

  it('exports with filters, oldest first', () => {
    const rows = [...store.exportAll({ search: 'door' })];
    expect(rows.map((r) => r.title)).toEqual(['Front door', 'Backup done']);
    expect([...store.exportAll({ topic: 'srv/#', minPriority: 5 })].map((r) => r.title)).toEqual(['Disk full']);
  });
});

describe('query terms and highlighting', () => {
  it('parses words and phrases, leaving out what FTS5 would read as syntax', () => {
    expect(parseSearchQuery('  "front door" temp* "open')).toEqual([
      { text: 'front door', phrase: true },
      { text: 'temp', phrase: false },
      { text: 'open', phrase: false },
    ]);
    expect(parseSearchQuery('* "" **')).toEqual([]);
  });

  it('splits text into highlighted parts as text', () => {
    const parts = highlightParts('The Front DOOR is <b>open</b>', parseSearchQuery('door <b>'));
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['DOOR', '<b>']);
    expect(parts.map((p) => p.text).join('')).toBe('The Front DOOR is <b>open</b>');
  });
});
