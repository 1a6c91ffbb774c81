// The inbox: one SQLite file in WAL mode so the app writes while `herald export` (another process) reads.
// Statements are prepared once; unread/total are kept in memory so the tray badge never costs a query.
import { Buffer } from 'node:buffer';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { BodyKind, MessageDetail, MessageExtras, MessageSummary } from '../../../shared/model.ts';
import type { NewMessage } from '../decode/types.ts';

export interface StoreOpenOptions {
  /** For readers such as `herald export`: no schema changes, no writes, works beside a running writer. */
  readOnly?: boolean;
}

export interface ListOptions {
  /** Keyset cursor: only messages with a smaller id (the previous page's nextBefore). */
  before?: number;
  limit: number;
  unreadOnly?: boolean;
}

export interface ListPage {
  items: MessageSummary[];
  /** Cursor for the next (older) page, or null when this page was the last. */
  nextBefore: number | null;
}

/** One line of `herald export`. */
export interface ExportRow {
  id: number;
  source: string;
  topic: string;
  title: string;
  /** Text or JSON as received; lowercase hex without spaces for binary payloads. */
  body: string;
  priority: number;
  /** ISO 8601, UTC. */
  receivedAt: string;
  read: boolean;
  bodyKind: BodyKind;
  truncated: boolean;
  size: number;
}

/** Schema steps in order; PRAGMA user_version counts those applied, so an upgrade appends one here. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE messages (
     -- AUTOINCREMENT: an id is never handed out twice, even after the newest message was deleted at its
     -- source (ntfy message_delete); the UI, keyset paging and exports rely on ids that only grow.
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     source_id TEXT NOT NULL,
     source_name TEXT NOT NULL,
     topic TEXT NOT NULL,
     title TEXT,
     preview TEXT NOT NULL,
     body TEXT NOT NULL,
     body_kind TEXT NOT NULL,
     raw BLOB,
     priority INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     read INTEGER NOT NULL DEFAULT 0,
     truncated INTEGER NOT NULL DEFAULT 0,
     size INTEGER NOT NULL,
     properties TEXT,
     dedupe_key TEXT
   );
   -- Partial: messages without a dedupe key (most of them) cost no index write at all.
   CREATE UNIQUE INDEX messages_dedupe ON messages (source_id, dedupe_key) WHERE dedupe_key IS NOT NULL;`,
  // Push servers: extras (click URL, tags, actions...), entries that later versions replace (fold_key), and
  // each source's resume position, written in the same transaction as the message it belongs to.
  `ALTER TABLE messages ADD COLUMN extras TEXT;
   ALTER TABLE messages ADD COLUMN fold_key TEXT;
   CREATE INDEX messages_fold ON messages (source_id, fold_key) WHERE fold_key IS NOT NULL;
   CREATE TABLE cursors (source_id TEXT PRIMARY KEY, cursor TEXT NOT NULL);
   -- MQTT QoS 2 messages between PUBREC and PUBREL; the row goes in the transaction that stores the message.
   CREATE TABLE mqtt_inflight (source_id TEXT NOT NULL, message_id INTEGER NOT NULL, packet BLOB NOT NULL,
     PRIMARY KEY (source_id, message_id));`,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

const SUMMARY_COLUMNS =
  'id, source_id, source_name, topic, coalesce(title, topic) AS title, preview, priority, received_at, read, ' +
  'body_kind, truncated, size';
const EXPORT_PAGE = 1000;
// SQLite result codes that mean "these bytes are not a usable database" rather than a passing problem.
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

type Row = Record<string, unknown>;

/** What one batch did: a result per message (null = not stored), and entries it removed or marked read. */
export interface BatchOutcome {
  results: (MessageSummary | null)[];
  removedIds: number[];
  readIds: number[];
}

function summaryOf(id: number, m: NewMessage): MessageSummary {
  return {
    id,
    sourceId: m.sourceId,
    sourceName: m.sourceName,
    topic: m.topic,
    title: m.title ?? m.topic,
    preview: m.preview,
    priority: m.priority,
    receivedAt: m.receivedAt,
    read: false,
    bodyKind: m.bodyKind,
    truncated: m.truncated,
    size: m.size,
  };
}

export class MessageStore {
  readonly file: string;
  private readonly db: DatabaseSync;
  private unread: number;
  private total: number;
  private closed = false;
  private readonly insertStmt: StatementSync;
  private readonly listStmt: StatementSync;
  private readonly listUnreadStmt: StatementSync;
  private readonly getStmt: StatementSync;
  private readonly markReadStmt: StatementSync;
  private readonly markAllReadStmt: StatementSync;
  private readonly exportStmt: StatementSync;
  private readonly maxIdStmt: StatementSync;
  private readonly foldedStmt: StatementSync;
  private readonly deleteStmt: StatementSync;
  private readonly cursorGetStmt: StatementSync;
  private readonly cursorSetStmt: StatementSync;
  private readonly inflightPutStmt: StatementSync;
  private readonly inflightGetStmt: StatementSync;
  private readonly inflightDeleteStmt: StatementSync;

  static open(file: string, options: StoreOpenOptions = {}): MessageStore {
    const readOnly = options.readOnly === true;
    if (!readOnly && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(file, { readOnly });
    } catch (err) {
      throw openError(file, err);
    }
    try {
      db.exec('PRAGMA busy_timeout = 5000');
      if (readOnly) {
        const version = userVersion(db);
        if (version !== SCHEMA_VERSION) {
          throw new Error(
            version === 0
              ? `${file} is not a Herald inbox (it has no messages table)`
              : `inbox ${file} has schema version ${version}, this Herald reads version ${SCHEMA_VERSION}`,
          );
        }
      } else {
        db.exec('PRAGMA journal_mode = WAL');
        // In WAL mode NORMAL is still corruption-safe; a power cut can only lose the last commits.
        db.exec('PRAGMA synchronous = NORMAL');
        migrate(db, file);
      }
      return new MessageStore(db, file);
    } catch (err) {
      db.close();
      throw openError(file, err);
    }
  }

  private constructor(db: DatabaseSync, file: string) {
    this.db = db;
    this.file = file;
    this.insertStmt = db.prepare(
      `INSERT INTO messages (source_id, source_name, topic, title, preview, body, body_kind, raw, priority,
         received_at, truncated, size, properties, dedupe_key, extras, fold_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`,
    );
    this.listStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM messages WHERE id < ? ORDER BY id DESC LIMIT ?`);
    this.listUnreadStmt = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM messages WHERE read = 0 AND id < ? ORDER BY id DESC LIMIT ?`,
    );
    this.getStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS}, body, raw, properties, extras FROM messages WHERE id = ?`);
    this.foldedStmt = db.prepare('SELECT id, read FROM messages WHERE source_id = ? AND fold_key = ? AND id != ?');
    this.deleteStmt = db.prepare('DELETE FROM messages WHERE id = ?');
    this.cursorGetStmt = db.prepare('SELECT cursor FROM cursors WHERE source_id = ?');
    this.inflightPutStmt = db.prepare(
      'INSERT INTO mqtt_inflight (source_id, message_id, packet) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET packet = excluded.packet',
    );
    this.inflightGetStmt = db.prepare('SELECT packet FROM mqtt_inflight WHERE source_id = ? AND message_id = ?');
    this.inflightDeleteStmt = db.prepare('DELETE FROM mqtt_inflight WHERE source_id = ? AND message_id = ?');
    this.cursorSetStmt = db.prepare(
      'INSERT INTO cursors (source_id, cursor) VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET cursor = excluded.cursor',
    );
    this.markReadStmt = db.prepare('UPDATE messages SET read = 1 WHERE id = ? AND read = 0');
    this.markAllReadStmt = db.prepare('UPDATE messages SET read = 1 WHERE read = 0');
    this.exportStmt = db.prepare(
      `SELECT id, source_name, topic, coalesce(title, topic) AS title, body, raw, priority, received_at, read,
         body_kind, truncated, size
       FROM messages WHERE id > ? AND id <= ? ORDER BY id LIMIT ${EXPORT_PAGE}`,
    );
    this.maxIdStmt = db.prepare('SELECT coalesce(max(id), 0) AS id FROM messages');
    this.total = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    this.unread = (db.prepare('SELECT count(*) AS n FROM messages WHERE read = 0').get() as { n: number }).n;
  }

  /** Stores the messages in one transaction; duplicates (same source and dedupe key) are skipped. */
  insertBatch(messages: readonly NewMessage[]): MessageSummary[] {
    const inserted: MessageSummary[] = [];
    for (const summary of this.insertEach(messages)) if (summary !== null) inserted.push(summary);
    return inserted;
  }

  /**
   * Like insertBatch but with one result per input, in order: the stored summary, or null for a duplicate.
   * The batch writer uses it to settle each caller's promise. All or nothing: on error nothing is stored.
   */
  insertEach(messages: readonly NewMessage[]): (MessageSummary | null)[] {
    return this.applyBatch(messages).results;
  }

  /**
   * Applies a batch in one transaction: stores messages (skipping duplicates, replacing earlier entries with
   * the same fold key), deletes or clears folded entries, and saves each message's cursor with it.
   */
  applyBatch(messages: readonly NewMessage[]): BatchOutcome {
    const outcome: BatchOutcome = { results: new Array(messages.length), removedIds: [], readIds: [] };
    let added = 0;
    let unreadAdded = 0;
    this.inTransaction(() => {
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i]!;
        outcome.results[i] = null;
        if (m.op === 'delete' || m.op === 'clear') {
          if (m.foldKey !== undefined) {
            const [gone, goneUnread] = this.applyToFolded(m.sourceId, m.foldKey, -1, m.op, outcome);
            added -= gone;
            unreadAdded -= goneUnread;
          }
        } else {
          const inserted = this.insertStmt.run(
            m.sourceId,
            m.sourceName,
            m.topic,
            m.title,
            m.preview,
            m.body,
            m.bodyKind,
            m.raw,
            m.priority,
            m.receivedAt,
            m.truncated ? 1 : 0,
            m.size,
            m.properties === undefined ? null : JSON.stringify(m.properties, jsonSafe),
            m.dedupeKey ?? null,
            m.extras === undefined ? null : JSON.stringify(m.extras),
            m.foldKey ?? null,
          );
          if (inserted.changes > 0) {
            const id = Number(inserted.lastInsertRowid);
            added++;
            unreadAdded++;
            if (m.foldKey !== undefined) {
              const [gone, goneUnread] = this.applyToFolded(m.sourceId, m.foldKey, id, 'delete', outcome);
              added -= gone;
              unreadAdded -= goneUnread;
            }
            outcome.results[i] = summaryOf(id, m);
          }
        }
        if (m.cursor !== undefined) this.cursorSetStmt.run(m.sourceId, m.cursor);
        if (m.releaseInflight !== undefined) this.inflightDeleteStmt.run(m.sourceId, m.releaseInflight);
      }
    });
    this.total += added;
    this.unread += unreadAdded;
    return outcome;
  }

  /**
   * MQTT QoS 2 exactly-once: the packet is kept here from PUBREC until the transaction that stores the message
   * (NewMessage.releaseInflight) removes it. After a crash, a PUBREL finds the packet if and only if the message
   * was not stored yet.
   */
  putInflight(sourceId: string, messageId: number, packet: Uint8Array): void {
    this.inflightPutStmt.run(sourceId, messageId, packet);
  }

  getInflight(sourceId: string, messageId: number): Uint8Array | undefined {
    return (this.inflightGetStmt.get(sourceId, messageId) as { packet: Uint8Array } | undefined)?.packet;
  }

  deleteInflight(sourceId: string, messageId: number): void {
    this.inflightDeleteStmt.run(sourceId, messageId);
  }

  /** The cursor last saved for a source (with its newest message), if any. */
  cursor(sourceId: string): string | undefined {
    const row = this.cursorGetStmt.get(sourceId) as { cursor: string } | undefined;
    return row?.cursor;
  }

  /** Deletes or marks read the entries of (source, foldKey) other than `keepId`; returns [deleted, unread deleted]. */
  private applyToFolded(
    sourceId: string,
    foldKey: string,
    keepId: number,
    op: 'delete' | 'clear',
    outcome: BatchOutcome,
  ): [number, number] {
    let deleted = 0;
    let deletedUnread = 0;
    for (const row of this.foldedStmt.all(sourceId, foldKey, keepId) as { id: number; read: number }[]) {
      if (op === 'clear') {
        if (row.read === 0 && this.markReadStmt.run(row.id).changes === 1) {
          outcome.readIds.push(row.id);
          this.unread--;
        }
        continue;
      }
      this.deleteStmt.run(row.id);
      outcome.removedIds.push(row.id);
      deleted++;
      if (row.read === 0) deletedUnread++;
    }
    return [deleted, deletedUnread];
  }

  /**
   * Unread and total as of this connection's own writes (O(1)). A read-only instance reports the counts at
   * the moment it was opened.
   */
  counts(): { unread: number; total: number } {
    return { unread: this.unread, total: this.total };
  }

  /** Newest first; pass the returned nextBefore as `before` for the next page. */
  list(options: ListOptions): ListPage {
    const statement = options.unreadOnly ? this.listUnreadStmt : this.listStmt;
    const rows = statement.all(options.before ?? Number.MAX_SAFE_INTEGER, options.limit) as Row[];
    const items = rows.map(toSummary);
    const nextBefore = items.length === options.limit && items.length > 0 ? items[items.length - 1]!.id : null;
    return { items, nextBefore };
  }

  get(id: number): MessageDetail | null {
    const row = this.getStmt.get(id) as Row | undefined;
    if (row === undefined) return null;
    const raw = row.raw as Uint8Array | null;
    const keptBytes = row.body_kind === 'binary' ? (raw?.length ?? 0) : Buffer.byteLength(row.body as string);
    const detail: MessageDetail = { ...toSummary(row), body: detailBody(row), keptBytes };
    const properties = parseProperties(row.properties as string | null);
    if (properties !== undefined) detail.properties = properties;
    const extras = parseProperties(row.extras as string | null);
    if (extras !== undefined) detail.extras = extras as MessageExtras;
    return detail;
  }

  /** Returns the ids that were unread and now are read (unknown and already-read ids are left out). */
  markRead(ids: readonly number[]): number[] {
    const changed: number[] = [];
    this.inTransaction(() => {
      for (const id of ids) if (this.markReadStmt.run(id).changes === 1) changed.push(id);
    });
    this.unread -= changed.length;
    return changed;
  }

  /** Returns how many messages went from unread to read. */
  markAllRead(): number {
    const changed = Number(this.inTransaction(() => this.markAllReadStmt.run()).changes);
    this.unread -= changed;
    return changed;
  }

  /**
   * Every message, oldest first, in pages so memory stays flat for any inbox size. Messages that arrive
   * while the export runs are left out, so the output is the inbox as it was when the export began.
   */
  *exportAll(): Generator<ExportRow> {
    const lastId = (this.maxIdStmt.get() as { id: number }).id;
    let after = 0;
    for (;;) {
      const rows = this.exportStmt.all(after, lastId) as Row[];
      for (const row of rows) yield toExportRow(row);
      if (rows.length < EXPORT_PAGE) return;
      after = rows[rows.length - 1]!.id as number;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private inTransaction<T>(work: () => T): T {
    // IMMEDIATE takes the write lock up front, so a busy database fails (after busy_timeout) before any work.
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }
}

function userVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

function migrate(db: DatabaseSync, file: string): void {
  const current = userVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `inbox ${file} has schema version ${current}, newer than this Herald understands (${SCHEMA_VERSION})`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  }
}

function openError(file: string, err: unknown): Error {
  const code = (err as { errcode?: number }).errcode;
  const reason = err instanceof Error ? err.message : String(err);
  if (code === SQLITE_NOTADB || code === SQLITE_CORRUPT) {
    return new Error(
      `cannot open inbox ${file}: it is not a valid SQLite database (${reason}). ` +
        'The file was left untouched; move it aside to start a new inbox.',
      { cause: err },
    );
  }
  if (reason.includes(file)) return err as Error;
  return new Error(`cannot open inbox ${file}: ${reason}`, { cause: err });
}

function toSummary(row: Row): MessageSummary {
  return {
    id: row.id as number,
    sourceId: row.source_id as string,
    sourceName: row.source_name as string,
    topic: row.topic as string,
    title: row.title as string,
    preview: row.preview as string,
    priority: row.priority as number,
    receivedAt: row.received_at as number,
    read: row.read === 1,
    bodyKind: row.body_kind as BodyKind,
    truncated: row.truncated === 1,
    size: row.size as number,
  };
}

function toExportRow(row: Row): ExportRow {
  const bodyKind = row.body_kind as BodyKind;
  return {
    id: row.id as number,
    source: row.source_name as string,
    topic: row.topic as string,
    title: row.title as string,
    body: bodyKind === 'binary' ? toBuffer(row.raw as Uint8Array | null).toString('hex') : (row.body as string),
    priority: row.priority as number,
    receivedAt: new Date(row.received_at as number).toISOString(),
    read: row.read === 1,
    bodyKind,
    truncated: row.truncated === 1,
    size: row.size as number,
  };
}

function detailBody(row: Row): string {
  const body = row.body as string;
  switch (row.body_kind as BodyKind) {
    case 'binary':
      return hexDump(row.raw as Uint8Array | null);
    case 'json':
      return prettyJson(body);
    default:
      return body;
  }
}

type JsonWithSource = typeof JSON & { rawJSON?: (text: string) => unknown };
const rawJSON = (JSON as JsonWithSource).rawJSON;

/**
 * Pretty-prints while keeping numbers exactly as sent: a 64-bit id like 12345678901234567890 must not be shown
 * rounded to 12345678901234567000 (JSON.rawJSON re-emits the source text, where the runtime has it).
 */
function prettyJson(text: string): string {
  try {
    const keepNumbers =
      rawJSON === undefined
        ? undefined
        : (_key: string, value: unknown, context?: { source?: string }) =>
            typeof value === 'number' && context?.source !== undefined ? rawJSON(context.source) : value;
    return JSON.stringify(JSON.parse(text, keepNumbers as Parameters<typeof JSON.parse>[1]), null, 2);
  } catch {
    return text;
  }
}

const PRINTABLE_FIRST = 0x20;
const PRINTABLE_LAST = 0x7e;

/** `hexdump -C` layout: offset, 16 bytes in hex, then the printable ASCII (others as '.') to spot strings. */
export function hexDump(bytes: Uint8Array | null): string {
  if (bytes === null || bytes.length === 0) return '';
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const end = Math.min(offset + 16, bytes.length);
    let hex = '';
    let ascii = '';
    for (let i = offset; i < end; i++) {
      const byte = bytes[i]!;
      hex += (i === offset ? '' : ' ') + byte.toString(16).padStart(2, '0');
      ascii += byte >= PRINTABLE_FIRST && byte <= PRINTABLE_LAST ? String.fromCharCode(byte) : '.';
    }
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  return lines.join('\n');
}

function toBuffer(bytes: Uint8Array | null): Buffer {
  return bytes === null ? Buffer.alloc(0) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function parseProperties(text: string | null): Record<string, unknown> | undefined {
  if (text === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Protocol properties may carry bigints (e.g. from a decoder); JSON.stringify would throw and fail a batch. */
function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
