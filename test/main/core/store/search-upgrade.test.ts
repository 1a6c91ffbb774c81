// An inbox from before search (schema version 3) is indexed after the upgrade in small steps, newest first,
// with progress; search finds the indexed part meanwhile, and filters find everything all along.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src/main/core/store/migrations.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { startSearchIndexer } from '../../../../src/main/core/store/search-indexer.ts';
import { StoreWrites } from '../../../../src/main/core/store/inbox-writes.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';

const OLD_VERSION = 3;
let dir: string;
let file: string;

/** Writes `count` messages the way Herald 3 did: its schema, its columns, no search index. */
function oldInbox(count: number): void {
  const db = new DatabaseSync(file);
  for (let v = 0; v < OLD_VERSION; v++) db.exec(MIGRATIONS[v]!);
  db.exec(`PRAGMA user_version = ${OLD_VERSION}`);
  const row = db.prepare(
    `INSERT INTO messages (source_id, source_name, topic, title, preview, body, body_kind, priority, received_at, size)
     VALUES (?, 'Old broker', ?, ?, '', ?, 'text', ?, ?, 10)`,
  );
  db.exec('BEGIN');
  for (let i = 1; i <= count; i++) {
    row.run(i % 2 ? 'src-a' : 'src-b', `old/${i % 5}`, `old ${i}`, `reading number${i} 温度`, 1 + (i % 5), 1000 + i);
  }
  db.exec('COMMIT');
  db.close();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-search-upgrade-'));
  file = join(dir, 'inbox.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('upgrading an inbox from before search', () => {
  it('indexes older messages in steps, newest first, with progress', () => {
    oldInbox(1000);
    const store = MessageStore.open(file);
    try {
      expect(store.searchIndexProgress()).toEqual({ indexed: 0, total: 1000 });
      expect(store.list({ limit: 10, search: 'reading' }).items).toEqual([]);
      // New messages are indexed as they are stored, whatever the backfill has reached.
      insert(store, [newMessage('{"title":"new reading"}', { topic: 'new/1' })]);
      expect(store.list({ limit: 10, search: 'reading' }).items.map((m) => m.title)).toEqual(['new reading']);

      expect(store.indexSearchStep(300)).toBeGreaterThan(0);
      expect(store.searchIndexProgress()).toEqual({ indexed: 301, total: 1001 });
      const found = store.list({ limit: 500, search: 'reading' }).items.map((m) => m.title);
      expect(found).toHaveLength(301);
      expect(found[1]).toBe('old 1000');
      expect(found.at(-1)).toBe('old 701');
      // Filters do not depend on the index while it is incomplete.
      expect(store.list({ limit: 2000, sourceId: 'src-a' }).items).toHaveLength(500);
      expect(store.list({ limit: 2000, minPriority: 5 }).items).toHaveLength(200);

      let steps = 1;
      while (store.indexSearchStep(300) > 0) steps++;
      expect(steps).toBe(3);
      expect(store.searchIndexProgress()).toBeNull();
      expect(store.list({ limit: 2000, search: 'reading 温度' }).items).toHaveLength(1000);
      expect(store.list({ limit: 10, search: '"number7"' }).items.map((m) => m.title)).toEqual(['old 7']);
      expect(store.list({ limit: 200, search: 'number7' }).items).toHaveLength(111);
      expect(store.list({ limit: 2000, sourceId: 'src-a', minPriority: 5 }).items).toHaveLength(100);
    } finally {
      store.close();
    }
  });

  it('runs in the background on a timer until done, and reopening goes on where it stopped', async () => {
    oldInbox(5000);
    let store = MessageStore.open(file);
    store.indexSearchStep(1000);
    store.close();
    store = MessageStore.open(file);
    expect(store.searchIndexProgress()).toEqual({ indexed: 1000, total: 5000 });
    const seen: (number | undefined)[] = [];
    await new Promise<void>((done, fail) => {
      const indexer = startSearchIndexer(
        store.searchIndexProgress() !== null,
        new StoreWrites(store),
        () => {
          const progress = store.searchIndexProgress();
          seen.push(progress?.indexed);
          if (progress === null) {
            indexer.stop();
            done();
          }
        },
        fail,
        { step: 1000, pauseMs: 1, progressEveryMs: 0 },
      );
    });
    expect(seen).toEqual([2000, 3000, 4000, undefined]);
    expect(store.list({ limit: 10, search: '"number1"' }).items.map((m) => m.title)).toEqual(['old 1']);
    store.close();
  });

  it('opens a fresh inbox with nothing to index', () => {
    const store = MessageStore.open(file);
    expect(store.searchIndexProgress()).toBeNull();
    store.close();
  });
});
