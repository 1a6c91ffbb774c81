// The inbox: one SQLite file (database.ts), written in batches (message-writes.ts), read in keyset pages
// (message-reads.ts), with each source's resume state beside the messages (source-state.ts). Statements are
// prepared once; unread/total are kept in memory so the tray badge never costs a query.
import type { DatabaseSync } from 'node:sqlite';
import type { MessageDetail } from '../../../shared/model.ts';
import type { NewMessage } from '../messages.ts';
import { openInboxDatabase, type StoreOpenOptions } from './database.ts';
import {
  MessageReads,
  type ListFilters,
  type ListOptions,
  type ListPage,
  type RecentMessage,
} from './message-reads.ts';
import { MessageWrites, type BatchOutcome, type InboxCounts } from './message-writes.ts';
import { ReadState } from './read-state.ts';
import { RetentionQueries } from './retention.ts';
import type { TopicCount } from './topic-counts.ts';
import type { ExportRow } from './rows.ts';
import { SearchBackfill, type SearchIndexProgress } from './search-backfill.ts';
import { SourceStateTables, type StoredInflight, type StateEntry } from './source-state.ts';
import type { InboxWriteOps } from './inbox-writes.ts';
import { TopicValueReads, type TopicValues, type TopicValuesQuery } from './topic-values.ts';

export { SCHEMA_VERSION } from './migrations.ts';
export type { StoreOpenOptions } from './database.ts';
export type { ListFilters, ListOptions, ListPage, RecentMessage } from './message-reads.ts';
export type { SearchIndexProgress } from './search-backfill.ts';
export type { BatchOutcome, InboxCounts } from './message-writes.ts';
export type { ExportRow } from './rows.ts';
export type { TopicCount } from './topic-counts.ts';
export type { TopicValues, TopicValuesQuery, ValuePoint } from './topic-values.ts';
export type { InflightPackets, StateEntry } from './source-state.ts';

export class MessageStore implements InboxWriteOps {
  readonly file: string;
  private readonly db: DatabaseSync;
  private readonly inboxCounts: InboxCounts;
  private readonly writes: MessageWrites;
  private readonly reads: MessageReads;
  private readonly sourceState: SourceStateTables;
  private readonly backfill: SearchBackfill;
  private readonly topicValues: TopicValueReads;
  /** The bounded queries retention runs on (retention-runner.ts drives them). */
  readonly retention: RetentionQueries;
  private closed = false;

  static open(file: string, options: StoreOpenOptions = {}): MessageStore {
    return new MessageStore(openInboxDatabase(file, options), file);
  }

  private constructor(db: DatabaseSync, file: string) {
    this.db = db;
    this.file = file;
    this.inboxCounts = {
      total: (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n,
      unread: ReadState.countUnread(db),
    };
    this.sourceState = new SourceStateTables(db);
    this.writes = new MessageWrites(db, this.inboxCounts, this.sourceState);
    this.reads = new MessageReads(db);
    this.backfill = new SearchBackfill(db);
    this.topicValues = new TopicValueReads(db);
    this.retention = new RetentionQueries(db, this.reads.filtered);
  }

  /**
   * How far the search index is, while older messages are being indexed; null when it is complete. `total`: the
   * inbox's size as the writer knows it (a reading connection's own counts are those of when it opened).
   */
  searchIndexProgress(total = this.inboxCounts.total): SearchIndexProgress | null {
    const pending = Math.min(this.backfill.pending(), total);
    return pending === 0 ? null : { indexed: total - pending, total };
  }

  /** Indexes one more step of older messages (one short transaction); returns how many are left. */
  indexSearchStep(limit?: number): number {
    return this.backfill.step(limit);
  }

  /**
   * Unread and total as of this connection's own writes (O(1)). A read-only instance reports the counts at
   * the moment it was opened.
   */
  counts(): InboxCounts {
    return { ...this.inboxCounts };
  }

  /** See MessageWrites.applyBatch: one transaction for the whole batch (and the state that goes with it). */
  applyBatch(messages: readonly NewMessage[], state?: readonly StateEntry[]): BatchOutcome {
    return this.writes.applyBatch(messages, state);
  }

  markRead(ids: readonly number[]): number[] {
    return this.writes.markRead(ids);
  }

  /** Every message stored so far becomes read (a watermark: no row is rewritten); returns how many were unread. */
  markAllRead(): number {
    return this.writes.markAllRead();
  }

  /** Returns the ids that were read and now are unread. */
  markUnread(ids: readonly number[]): number[] {
    return this.writes.markUnread(ids);
  }

  /**
   * One bounded step of "mark all read" for a filter: of the next `limit` messages that match below `before`
   * (newest first), the unread ones become read, in one transaction. Returns them and where the next step starts
   * (null: no more). Callers walk down in steps, yielding between them.
   */
  markReadStep(filters: ListFilters, before: number, limit: number): { marked: number[]; next: number | null } {
    const rows = this.reads.readStateBelow(filters, before, limit);
    const unread = rows.filter((row) => !row.read).map((row) => row.id);
    const marked = unread.length === 0 ? [] : this.writes.markRead(unread);
    return { marked, next: rows.length < limit ? null : rows.at(-1)!.id };
  }

  /** The newest id stored (0 for an empty inbox). */
  newestId(): number {
    return this.reads.newestId();
  }

  /** Unread and total per source and topic (kept with every change: no counting over the inbox). */
  topicCounts(): TopicCount[] {
    return this.writes.topics.list();
  }

  /** The oldest id stored (0 for an empty inbox). */
  oldestId(): number {
    return this.reads.oldestId();
  }

  /** Pins or unpins; returns the ids whose state changed. */
  pin(ids: readonly number[], pinned: boolean): number[] {
    return this.writes.pin(ids, pinned);
  }

  /** Deletes messages; returns the ids that existed. */
  delete(ids: readonly number[]): number[] {
    return this.writes.delete(ids);
  }

  list(options: ListOptions): ListPage {
    return this.reads.list(options);
  }

  get(id: number): MessageDetail | null {
    return this.reads.get(id);
  }

  recent(limit: number): RecentMessage[] {
    return this.reads.recent(limit);
  }

  /** Recent numeric values of one source's topic, newest first (see TopicValueReads). */
  values(query: TopicValuesQuery): TopicValues {
    return this.topicValues.values(query);
  }

  /** Matching messages newest first, as export rows (see MessageReads.searchAll). */
  searchAll(filters: ListFilters, limit?: number): Generator<ExportRow> {
    return this.reads.searchAll(filters, limit);
  }

  exportAll(filters?: ListFilters): Generator<ExportRow> {
    return this.reads.exportAll(filters);
  }

  /** The cursor last saved for a source (with its newest message), if any. */
  cursor(sourceId: string): string | undefined {
    return this.sourceState.cursor(sourceId);
  }

  /** A piece of state saved with a batch (see applyBatch), if any. */
  state(key: string): string | undefined {
    return this.sourceState.state(key);
  }

  /** The durable MQTT QoS 2 packets of one source (see SourceStateTables.inflightFor). */
  inflightFor(sourceId: string): StoredInflight {
    return this.sourceState.inflightFor(sourceId);
  }

  /** Keeps a QoS 2 packet until the batch that stores its message releases it (SourceStateTables.inflightFor). */
  putInflight(sourceId: string, messageId: number, packet: Uint8Array): void {
    this.sourceState.inflightFor(sourceId).put(messageId, packet);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
