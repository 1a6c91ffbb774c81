// Read state at any inbox size. "Mark all read" moves a watermark (the newest id at that moment) instead of
// rewriting a million rows: a message at or below the watermark is read unless it is in read_exceptions (marked
// unread since); above it, the message's own read column counts. So mark-all costs O(exceptions), and every
// later mark or unmark touches one row. Readers get the same answer from READ_EXPRESSION in SQL.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** A message's effective read state (1 or 0) in SQL; the watermark subquery runs once per statement. */
export const READ_EXPRESSION =
  '(CASE WHEN messages.id <= (SELECT id FROM read_watermark) ' +
  'THEN NOT EXISTS (SELECT 1 FROM read_exceptions WHERE read_exceptions.id = messages.id) ' +
  'ELSE messages.read END)';

/** The statements of read state; the caller runs them in its transaction and keeps the counts after commit. */
export class ReadState {
  private mark: number;
  private readonly setWatermark: StatementSync;
  private readonly clearExceptions: StatementSync;
  private readonly maxId: StatementSync;
  private readonly addException: StatementSync;
  private readonly dropException: StatementSync;
  private readonly setRowRead: StatementSync;
  private readonly setRowUnread: StatementSync;
  private readonly isRead: StatementSync;

  constructor(db: DatabaseSync) {
    this.mark = (db.prepare('SELECT id FROM read_watermark').get() as { id: number }).id;
    this.setWatermark = db.prepare('UPDATE read_watermark SET id = ?');
    this.clearExceptions = db.prepare('DELETE FROM read_exceptions');
    this.maxId = db.prepare('SELECT coalesce(max(id), 0) AS id FROM messages');
    // Only for a message that exists: an exception for a deleted id would count as unread forever.
    this.addException = db.prepare(
      'INSERT INTO read_exceptions (id) SELECT id FROM messages WHERE id = ? ON CONFLICT DO NOTHING',
    );
    this.dropException = db.prepare('DELETE FROM read_exceptions WHERE id = ?');
    this.setRowRead = db.prepare('UPDATE messages SET read = 1 WHERE id = ? AND read = 0');
    this.setRowUnread = db.prepare('UPDATE messages SET read = 0 WHERE id = ? AND read = 1');
    this.isRead = db.prepare(`SELECT ${READ_EXPRESSION} AS read FROM messages WHERE id = ?`);
  }

  /** Unread messages as stored: those above the watermark with read = 0, plus the exceptions below it. */
  static countUnread(db: DatabaseSync): number {
    const row = db
      .prepare(
        'SELECT (SELECT count(*) FROM messages WHERE id > (SELECT id FROM read_watermark) AND read = 0) + ' +
          '(SELECT count(*) FROM read_exceptions) AS n',
      )
      .get() as { n: number };
    return row.n;
  }

  watermark(): number {
    return this.mark;
  }

  /** Marks ids read; returns those that were unread. */
  markRead(ids: Iterable<number>): number[] {
    const changed: number[] = [];
    for (const id of ids) {
      const statement = id <= this.mark ? this.dropException : this.setRowRead;
      if (statement.run(id).changes === 1) changed.push(id);
    }
    return changed;
  }

  /** Marks ids unread; returns those that were read (unknown ids are left out). */
  markUnread(ids: Iterable<number>): number[] {
    const changed: number[] = [];
    for (const id of ids) {
      const statement = id <= this.mark ? this.addException : this.setRowUnread;
      if (statement.run(id).changes === 1) changed.push(id);
    }
    return changed;
  }

  /** Every message stored so far becomes read: writes the watermark (the newest id) and returns it. */
  writeWatermark(): number {
    const next = Math.max(this.mark, (this.maxId.get() as { id: number }).id);
    this.setWatermark.run(next);
    this.clearExceptions.run();
    return next;
  }

  /** After the transaction of writeWatermark committed. */
  watermarkCommitted(mark: number): void {
    this.mark = mark;
  }

  /** Whether a stored message is read (false for an unknown id). */
  read(id: number): boolean {
    return (this.isRead.get(id) as { read: number } | undefined)?.read === 1;
  }

  /** Forgets a deleted message's exception (the caller already knows whether it was read). */
  forget(id: number): void {
    if (id <= this.mark) this.dropException.run(id);
  }
}
