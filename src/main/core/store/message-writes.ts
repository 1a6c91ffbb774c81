// Every write to the messages table: a batch of new messages (with the fold rules of push servers that
// replace, delete or clear an earlier entry), and read-state changes. Each runs in one transaction and keeps
// the in-memory counts in step, so the badge never needs a COUNT query.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MessageSummary } from '../../../shared/model.ts';
import type { NewMessage } from '../messages.ts';
import { inTransaction } from './database.ts';
import { INSERT_COLUMNS, insertValues, summaryOf } from './rows.ts';
import { SearchIndexWrites } from './search-index.ts';
import type { SourceStateTables, StateEntry } from './source-state.ts';

/** Unread and total messages; kept in memory by the writes, read by the badge and the UI at no cost. */
export interface InboxCounts {
  unread: number;
  total: number;
}

/** What one batch did: a result per message (null = not stored), and entries it removed or marked read. */
export interface BatchOutcome {
  results: (MessageSummary | null)[];
  removedIds: number[];
  readIds: number[];
}

export class MessageWrites {
  private readonly db: DatabaseSync;
  private readonly counts: InboxCounts;
  private readonly sourceState: SourceStateTables;
  private readonly insert: StatementSync;
  private readonly folded: StatementSync;
  private readonly deleteOne: StatementSync;
  private readonly markOneRead: StatementSync;
  private readonly markEveryRead: StatementSync;
  private readonly searchIndex: SearchIndexWrites;

  constructor(db: DatabaseSync, counts: InboxCounts, sourceState: SourceStateTables) {
    this.db = db;
    this.counts = counts;
    this.sourceState = sourceState;
    this.insert = db.prepare(
      `INSERT INTO messages (${INSERT_COLUMNS}) VALUES (${INSERT_COLUMNS.split(',')
        .map(() => '?')
        .join(', ')})
       ON CONFLICT (source_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
    );
    this.folded = db.prepare('SELECT id, read FROM messages WHERE source_id = ? AND fold_key = ? AND id != ?');
    this.deleteOne = db.prepare('DELETE FROM messages WHERE id = ?');
    this.markOneRead = db.prepare('UPDATE messages SET read = 1 WHERE id = ? AND read = 0');
    this.markEveryRead = db.prepare('UPDATE messages SET read = 1 WHERE read = 0');
    this.searchIndex = new SearchIndexWrites(db);
  }

  /**
   * Applies a batch in one transaction: stores messages (skipping duplicates, replacing earlier entries with
   * the same fold key, leaving out what a rule dropped), deletes or clears folded entries, saves each message's
   * cursor with it, releases its QoS 2 packet, and writes `state` (the rules' state) with them. All or nothing:
   * on error nothing is stored and the counts are unchanged.
   */
  applyBatch(messages: readonly NewMessage[], state: readonly StateEntry[] = []): BatchOutcome {
    const outcome: BatchOutcome = {
      results: new Array<MessageSummary | null>(messages.length).fill(null),
      removedIds: [],
      readIds: [],
    };
    const change = { total: 0, unread: 0 };
    inTransaction(this.db, () => {
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i]!;
        if (m.op === 'delete' || m.op === 'clear') {
          if (m.foldKey !== undefined) this.applyToFolded(m.sourceId, m.foldKey, -1, m.op, outcome, change);
        } else if (m.decision.action !== 'drop') {
          const inserted = this.insert.run(...insertValues(m));
          if (inserted.changes > 0) {
            const id = Number(inserted.lastInsertRowid);
            this.searchIndex.add(id, m);
            change.total++;
            if (m.decision.action !== 'read') change.unread++;
            if (m.foldKey !== undefined) this.applyToFolded(m.sourceId, m.foldKey, id, 'delete', outcome, change);
            outcome.results[i] = summaryOf(id, m);
          }
        }
        if (m.cursor !== undefined) this.sourceState.saveCursor(m.sourceId, m.cursor);
        if (m.releaseInflight !== undefined) this.sourceState.releaseInflight(m.sourceId, m.releaseInflight);
      }
      for (const entry of state) this.sourceState.saveState(entry.key, entry.value);
    });
    this.counts.total += change.total;
    this.counts.unread += change.unread;
    return outcome;
  }

  /** Returns the ids that were unread and now are read (unknown and already-read ids are left out). */
  markRead(ids: readonly number[]): number[] {
    const changed: number[] = [];
    inTransaction(this.db, () => {
      for (const id of ids) if (this.markOneRead.run(id).changes === 1) changed.push(id);
    });
    this.counts.unread -= changed.length;
    return changed;
  }

  /** Returns how many messages went from unread to read. */
  markAllRead(): number {
    const changed = Number(inTransaction(this.db, () => this.markEveryRead.run()).changes);
    this.counts.unread -= changed;
    return changed;
  }

  /** Deletes (or, for 'clear', marks read) the entries of (source, foldKey) other than `keepId`. */
  private applyToFolded(
    sourceId: string,
    foldKey: string,
    keepId: number,
    op: 'delete' | 'clear',
    outcome: BatchOutcome,
    change: InboxCounts,
  ): void {
    for (const row of this.folded.all(sourceId, foldKey, keepId) as { id: number; read: number }[]) {
      if (op === 'clear') {
        if (row.read === 0 && this.markOneRead.run(row.id).changes === 1) {
          outcome.readIds.push(row.id);
          change.unread--;
        }
        continue;
      }
      this.deleteOne.run(row.id);
      this.searchIndex.delete(row.id);
      outcome.removedIds.push(row.id);
      change.total--;
      if (row.read === 0) change.unread--;
    }
  }
}
