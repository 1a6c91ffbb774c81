// Every write to the messages table: a batch of new messages (with the fold rules of push servers that
// replace, delete or clear an earlier entry), read-state changes (read-state.ts), pins and deletions. Each runs
// in one transaction and keeps the in-memory counts in step, so the badge never needs a COUNT query.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { MessageSummary } from '../../../shared/model.ts';
import type { NewMessage } from '../messages.ts';
import { inTransaction } from './database.ts';
import { READ_EXPRESSION, ReadState } from './read-state.ts';
import { INSERT_COLUMNS, insertValues, summaryOf } from './rows.ts';
import { SearchIndexWrites } from './search-index.ts';
import type { SourceStateTables, StateEntry } from './source-state.ts';
import { TopicCounts } from './topic-counts.ts';

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
  private readonly setPinned: StatementSync;
  private readonly searchIndex: SearchIndexWrites;
  readonly readState: ReadState;
  readonly topics: TopicCounts;

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
    this.folded = db.prepare(
      `SELECT id, ${READ_EXPRESSION} AS read FROM messages WHERE source_id = ? AND fold_key = ? AND id != ?`,
    );
    this.deleteOne = db.prepare('DELETE FROM messages WHERE id = ?');
    this.setPinned = db.prepare('UPDATE messages SET pinned = ? WHERE id = ? AND pinned != ?');
    this.searchIndex = new SearchIndexWrites(db);
    this.readState = new ReadState(db);
    this.topics = new TopicCounts(db);
  }

  /**
   * Applies a batch in one transaction: stores messages (skipping duplicates, replacing earlier entries with
   * the same fold key, leaving out what a rule dropped), deletes or clears folded entries, saves each source's
   * last cursor in the batch (one write per source, not per message: only the last one counts), releases each
   * message's QoS 2 packet, and writes `state` (the rules' state) with them. All or nothing:
   * on error nothing is stored and the counts are unchanged.
   */
  applyBatch(messages: readonly NewMessage[], state: readonly StateEntry[] = []): BatchOutcome {
    const outcome: BatchOutcome = {
      results: new Array<MessageSummary | null>(messages.length).fill(null),
      removedIds: [],
      readIds: [],
    };
    const change = { total: 0, unread: 0 };
    const cursors = new Map<string, string>();
    this.transact(() => {
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
            this.topics.count(m.sourceId, m.topic, 1, m.decision.action !== 'read');
            if (m.foldKey !== undefined) this.applyToFolded(m.sourceId, m.foldKey, id, 'delete', outcome, change);
            outcome.results[i] = summaryOf(id, m);
          }
        }
        if (m.cursor !== undefined) cursors.set(m.sourceId, m.cursor);
        if (m.releaseInflight !== undefined) this.sourceState.releaseInflight(m.sourceId, m.releaseInflight);
      }
      for (const [sourceId, cursor] of cursors) this.sourceState.saveCursor(sourceId, cursor);
      for (const entry of state) this.sourceState.saveState(entry.key, entry.value);
    });
    this.counts.total += change.total;
    this.counts.unread += change.unread;
    return outcome;
  }

  /** Returns the ids that were unread and now are read (unknown and already-read ids are left out). */
  markRead(ids: readonly number[]): number[] {
    const changed = this.transact(() => this.markReadRows(ids));
    this.counts.unread -= changed.length;
    return changed;
  }

  /** Returns the ids that were read and now are unread (unknown and already-unread ids are left out). */
  markUnread(ids: readonly number[]): number[] {
    const changed = this.transact(() => {
      const unread = this.readState.markUnread(ids);
      this.topics.readChanged(unread, 1);
      return unread;
    });
    this.counts.unread += changed.length;
    return changed;
  }

  /** Every message stored so far becomes read, in O(1) rows written; returns how many were unread. */
  markAllRead(): number {
    const mark = this.transact(() => {
      this.topics.allRead();
      return this.readState.writeWatermark();
    });
    this.readState.watermarkCommitted(mark);
    const changed = this.counts.unread;
    this.counts.unread = 0;
    return changed;
  }

  /** Pins or unpins, with the pin token in the search index; returns the ids whose state changed. */
  pin(ids: readonly number[], pinned: boolean): number[] {
    const value = pinned ? 1 : 0;
    return this.transact(() =>
      ids.filter((id) => {
        if (this.setPinned.run(value, id, value).changes !== 1) return false;
        this.searchIndex.rewrite(id);
        return true;
      }),
    );
  }

  /** Deletes messages (pinned ones too: the user asked for these); returns the ids that existed. */
  delete(ids: readonly number[]): number[] {
    const change = { total: 0, unread: 0 };
    const removed = this.transact(() => ids.filter((id) => this.deleteRow(id, change)));
    this.counts.total += change.total;
    this.counts.unread += change.unread;
    return removed;
  }

  /** Marks rows read with their topics' counts; inside a transaction. */
  private markReadRows(ids: readonly number[]): number[] {
    const changed = this.readState.markRead(ids);
    this.topics.readChanged(changed, -1);
    return changed;
  }

  /** One transaction, with the per-topic counts it gathered written at its end (or forgotten on failure). */
  private transact<T>(work: () => T): T {
    try {
      return inTransaction(this.db, () => {
        const result = work();
        this.topics.flush();
        return result;
      });
    } catch (err) {
      this.topics.discard();
      throw err;
    }
  }

  /** Deletes one row with its index entry and read exception, counting what went into `change`. */
  private deleteRow(id: number, change: InboxCounts): boolean {
    const key = this.topics.key(id);
    if (key === undefined) return false;
    const read = this.readState.read(id);
    this.deleteOne.run(id);
    this.topics.count(key.sourceId, key.topic, -1, !read);
    this.searchIndex.delete(id);
    this.readState.forget(id);
    change.total--;
    if (!read) change.unread--;
    return true;
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
        if (row.read === 0 && this.markReadRows([row.id]).length === 1) {
          outcome.readIds.push(row.id);
          change.unread--;
        }
        continue;
      }
      if (this.deleteRow(row.id, change)) outcome.removedIds.push(row.id);
    }
  }
}
