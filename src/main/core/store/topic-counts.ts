// Unread and total per (source, topic), for the sidebar: changed in the same transaction as the messages they
// count, never recounted. Changes are gathered per key while a transaction runs and written with one upsert per
// key at its end (a batch of 1,000 messages on 5 topics costs 5 writes, not 1,000).
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export interface TopicCount {
  sourceId: string;
  topic: string;
  total: number;
  unread: number;
}

interface Delta {
  sourceId: string;
  topic: string;
  total: number;
  unread: number;
}

export class TopicCounts {
  private pending = new Map<string, Delta>();
  private readonly upsert: StatementSync;
  private readonly dropEmpty: StatementSync;
  private readonly keyOf: StatementSync;
  private readonly zeroUnread: StatementSync;
  private readonly all: StatementSync;

  constructor(db: DatabaseSync) {
    this.upsert = db.prepare(
      `INSERT INTO topic_counts (source_id, topic, total, unread) VALUES (?, ?, ?, ?)
       ON CONFLICT (source_id, topic) DO UPDATE SET total = total + excluded.total, unread = unread + excluded.unread`,
    );
    this.dropEmpty = db.prepare('DELETE FROM topic_counts WHERE source_id = ? AND topic = ? AND total <= 0');
    this.keyOf = db.prepare('SELECT source_id, topic FROM messages WHERE id = ?');
    this.zeroUnread = db.prepare('UPDATE topic_counts SET unread = 0 WHERE unread != 0');
    this.all = db.prepare('SELECT source_id, topic, total, unread FROM topic_counts ORDER BY source_id, topic');
  }

  /** A message stored (+1) or deleted (-1) on this key; `unread` whether it is (was) unread. */
  count(sourceId: string, topic: string, change: 1 | -1, unread: boolean): void {
    const delta = this.delta(sourceId, topic);
    delta.total += change;
    if (unread) delta.unread += change;
  }

  /** Stored messages became read (-1) or unread (+1). Before the flush, while the rows still exist. */
  readChanged(ids: readonly number[], unreadChange: 1 | -1): void {
    for (const id of ids) {
      const row = this.keyOf.get(id) as { source_id: string; topic: string } | undefined;
      if (row !== undefined) this.delta(row.source_id, row.topic).unread += unreadChange;
    }
  }

  /** The key of a stored message (to count its deletion). */
  key(id: number): { sourceId: string; topic: string } | undefined {
    const row = this.keyOf.get(id) as { source_id: string; topic: string } | undefined;
    return row === undefined ? undefined : { sourceId: row.source_id, topic: row.topic };
  }

  /** Every message read: in the transaction that moved the read watermark. */
  allRead(): void {
    this.pending.clear();
    this.zeroUnread.run();
  }

  /** Writes what was gathered; called at the end of each transaction that changed messages. */
  flush(): void {
    for (const delta of this.pending.values()) {
      if (delta.total === 0 && delta.unread === 0) continue;
      this.upsert.run(delta.sourceId, delta.topic, delta.total, delta.unread);
      if (delta.total < 0) this.dropEmpty.run(delta.sourceId, delta.topic);
    }
    this.pending.clear();
  }

  /** Forgets what was gathered (the transaction rolled back). */
  discard(): void {
    this.pending.clear();
  }

  list(): TopicCount[] {
    return (this.all.all() as { source_id: string; topic: string; total: number; unread: number }[]).map((row) => ({
      sourceId: row.source_id,
      topic: row.topic,
      total: row.total,
      unread: row.unread,
    }));
  }

  private delta(sourceId: string, topic: string): Delta {
    // A separator that cannot occur in a source id.
    const key = `${sourceId}\u0000${topic}`;
    let delta = this.pending.get(key);
    if (delta === undefined) {
      delta = { sourceId, topic, total: 0, unread: 0 };
      this.pending.set(key, delta);
    }
    return delta;
  }
}
