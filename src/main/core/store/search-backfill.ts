// Indexing an inbox that was stored before search existed: in small steps (one short transaction each, newest
// messages first so recent ones are searchable soonest), run on a timer by the core so ingest and the UI never
// wait for more than one step. Search works meanwhile and finds what is already indexed.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inTransaction } from './database.ts';
import { contentOf, INDEXED_COLUMNS, SearchIndexWrites } from './search-index.ts';

export const BACKFILL_STEP = 250;

export interface SearchIndexProgress {
  indexed: number;
  total: number;
}

export class SearchBackfill {
  private readonly db: DatabaseSync;
  private readonly index: SearchIndexWrites;
  private readonly readState: StatementSync;
  private readonly pendingRows: StatementSync;
  private readonly saveState: StatementSync;
  private readonly anyBelow: StatementSync;
  private readonly finish: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.readState = db.prepare('SELECT next_id, pending FROM search_backfill');
    this.index = new SearchIndexWrites(db);
    this.pendingRows = db.prepare(`SELECT ${INDEXED_COLUMNS} FROM messages WHERE id <= ? ORDER BY id DESC LIMIT ?`);
    this.saveState = db.prepare('UPDATE search_backfill SET next_id = ?, pending = ?');
    this.finish = db.prepare('DELETE FROM search_backfill');
    this.anyBelow = db.prepare('SELECT 1 AS yes FROM messages WHERE id < ? LIMIT 1');
  }

  /** Messages not indexed yet (about: deletions meanwhile are not counted), or 0 when all are. */
  pending(): number {
    const row = this.readState.get() as { pending: number } | undefined;
    return row === undefined ? 0 : Math.max(0, row.pending);
  }

  /** Indexes up to `limit` more messages in one transaction; returns how many are left (0: done). */
  step(limit = BACKFILL_STEP): number {
    return inTransaction(this.db, () => {
      const state = this.readState.get() as { next_id: number; pending: number } | undefined;
      if (state === undefined) return 0;
      const rows = this.pendingRows.all(state.next_id, limit) as { id: number }[];
      for (const row of rows) this.index.add(row.id, contentOf(row));
      const last = rows.at(-1);
      if (rows.length < limit || last === undefined || this.anyBelow.get(last.id) === undefined) {
        this.finish.run();
        return 0;
      }
      const pending = Math.max(1, state.pending - rows.length);
      this.saveState.run(last.id - 1, pending);
      return pending;
    });
  }
}
