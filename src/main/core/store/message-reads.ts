// Every read of the messages table the UI and the command line make: keyset pages for the list, one message
// in full, and the whole inbox for export. None of them scans the table: pages and exports walk the primary key.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { BodyKind, MessageDetail } from '../../../shared/model.ts';
import {
  DETAIL_COLUMNS,
  EXPORT_COLUMNS,
  SUMMARY_COLUMNS,
  toDetail,
  toExportRow,
  toSummary,
  type ExportRow,
  type Row,
} from './rows.ts';
import { READ_EXPRESSION } from './read-state.ts';
import { FilteredList, hasFilters, type ListFilters, type ListOptions, type ListPage } from './list-query.ts';

export type { ListFilters, ListOptions, ListPage } from './list-query.ts';

const EXPORT_PAGE = 1000;

/** A stored message's content as the rules see it. */
export interface RecentMessage {
  id: number;
  sourceId: string;
  sourceName: string;
  topic: string;
  title: string | null;
  /** The title, or the topic when it has none (as the list shows it). */
  shownTitle: string;
  body: string;
  bodyKind: BodyKind;
  priority: number;
  receivedAt: number;
}

export class MessageReads {
  private readonly listAll: StatementSync;
  private readonly listUnreadAbove: StatementSync;
  private readonly listExceptions: StatementSync;
  private readonly watermark: StatementSync;
  private readonly getOne: StatementSync;
  private readonly exportPage: StatementSync;
  private readonly maxId: StatementSync;
  private readonly minId: StatementSync;
  private readonly recentContent: StatementSync;
  readonly filtered: FilteredList;

  constructor(db: DatabaseSync) {
    this.filtered = new FilteredList(db);
    this.listAll = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM messages WHERE id < ? AND pinned = 0 ORDER BY id DESC LIMIT ?`,
    );
    // Unread only, in two parts (read-state.ts): above the read watermark the rows' own read column, below it
    // only the exceptions, so after "mark all read" the walk never goes through the read million.
    this.listUnreadAbove = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM messages WHERE id < ? AND id > ? AND read = 0 AND pinned = 0
       ORDER BY id DESC LIMIT ?`,
    );
    this.listExceptions = db.prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM messages WHERE id IN (SELECT x.id FROM read_exceptions x
         CROSS JOIN messages p ON p.id = x.id WHERE x.id < ? AND p.pinned = 0 ORDER BY x.id DESC LIMIT ?)
       ORDER BY id DESC`,
    );
    this.watermark = db.prepare('SELECT id FROM read_watermark');
    this.getOne = db.prepare(`SELECT ${DETAIL_COLUMNS} FROM messages WHERE id = ?`);
    this.exportPage = db.prepare(
      `SELECT ${EXPORT_COLUMNS} FROM messages WHERE id > ? AND id <= ? ORDER BY id LIMIT ${EXPORT_PAGE}`,
    );
    this.maxId = db.prepare('SELECT coalesce(max(id), 0) AS id FROM messages');
    this.minId = db.prepare('SELECT coalesce(min(id), 0) AS id FROM messages');
    this.recentContent = db.prepare(
      `SELECT id, source_id, source_name, topic, title, coalesce(title, topic) AS shown_title, body, body_kind, priority,
         received_at FROM messages ORDER BY id DESC LIMIT ?`,
    );
  }

  /**
   * Newest first; pass the returned nextBefore as `before` for the next page. Pinned messages are not in the
   * pages: the first page carries those that match in `pinned` (with a search too), to be shown above the rest.
   */
  list(options: ListOptions): ListPage {
    const page = hasFilters(options) ? this.filtered.list(options) : this.plainList(options);
    if (options.before === undefined) page.pinned = this.filtered.pinned(options);
    return page;
  }

  private plainList(options: ListOptions): ListPage {
    const before = options.before ?? Number.MAX_SAFE_INTEGER;
    let rows: Row[];
    if (options.unreadOnly === true) {
      const mark = (this.watermark.get() as { id: number }).id;
      rows = this.listUnreadAbove.all(before, mark, options.limit);
      if (rows.length < options.limit) {
        const below = Math.min(before, mark + 1);
        rows = rows.concat(this.listExceptions.all(below, options.limit - rows.length));
      }
    } else {
      rows = this.listAll.all(before, options.limit);
    }
    const items = rows.map(toSummary);
    const last = items.at(-1);
    const nextBefore = items.length === options.limit && last !== undefined ? last.id : null;
    return { items, nextBefore };
  }

  newestId(): number {
    return (this.maxId.get() as { id: number }).id;
  }

  oldestId(): number {
    return (this.minId.get() as { id: number }).id;
  }

  get(id: number): MessageDetail | null {
    const row = this.getOne.get(id) as Row | undefined;
    return row === undefined ? null : toDetail(row);
  }

  /** The newest `limit` messages with their content, oldest first (what a rule preview replays). */
  recent(limit: number): RecentMessage[] {
    const rows = this.recentContent.all(limit) as Row[];
    return rows.reverse().map((row) => ({
      id: row.id as number,
      sourceId: row.source_id as string,
      sourceName: row.source_name as string,
      topic: row.topic as string,
      title: row.title as string | null,
      shownTitle: row.shown_title as string,
      body: row.body as string,
      bodyKind: row.body_kind as BodyKind,
      priority: row.priority as number,
      receivedAt: row.received_at as number,
    }));
  }

  /**
   * The next `limit` messages that match `filters` (read or not) below `before`, newest first, with their read
   * state: a walk as bounded as a list page, whatever share of them is unread.
   */
  readStateBelow(filters: ListFilters, before: number, limit: number): { id: number; read: boolean }[] {
    const { unreadOnly: _all, ...matching } = filters;
    const rows = this.filtered.rowsBefore(matching, `messages.id AS id, ${READ_EXPRESSION} AS read`, before, limit);
    return rows.map((row) => ({ id: row.id as number, read: row.read === 1 }));
  }

  /** Messages that match, newest first, in pages (`herald search`). */
  *searchAll(filters: ListFilters, limit = Number.MAX_SAFE_INTEGER): Generator<ExportRow> {
    let before: number | undefined;
    let left = limit;
    while (left > 0) {
      const page = Math.min(EXPORT_PAGE, left);
      const rows = this.filtered.rowsBefore(filters, EXPORT_COLUMNS, before, page);
      for (const row of rows) yield toExportRow(row);
      left -= rows.length;
      const last = rows.at(-1);
      if (rows.length < page || last === undefined) return;
      before = last.id as number;
    }
  }

  /**
   * Every message, oldest first, in pages so memory stays flat for any inbox size. Messages that arrive
   * while the export runs are left out, so the output is the inbox as it was when the export began.
   */
  *exportAll(filters: ListFilters = {}): Generator<ExportRow> {
    const lastId = (this.maxId.get() as { id: number }).id;
    const filtered = hasFilters(filters) || filters.unreadOnly === true;
    let after = 0;
    for (;;) {
      const rows = filtered
        ? this.filtered.rowsAfter(filters, EXPORT_COLUMNS, after, lastId, EXPORT_PAGE)
        : (this.exportPage.all(after, lastId) as Row[]);
      for (const row of rows) yield toExportRow(row);
      const last = rows.at(-1);
      if (rows.length < EXPORT_PAGE || last === undefined) return;
      after = last.id as number;
    }
  }
}
