// The list with search and filters: one SELECT built from the options, newest first, keyset-paged by id like
// the plain list. Search drives the query from the FTS5 index (walked by rowid, newest first). Source and
// priority are tokens in that index too (search-index.ts), an exact topic has a b-tree index (a wildcard
// filter's literal levels are FTS tokens, plus an exact check), and a date range becomes an id range (ids grow with
// arrival; found by binary search on the primary key). Every condition is also checked exactly on the rows.
// Statements are cached by their SQL text.
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { MessageFeature } from '../../../shared/commands/inbox.ts';
import { CJK_CHAR, isShortTerm, parseSearchQuery, type SearchTerm } from '../../../shared/search-query.ts';
import { READ_EXPRESSION } from './read-state.ts';
import { SUMMARY_COLUMNS, toSummary, type Row } from './rows.ts';
import { PINNED_TOKEN, priorityToken, sourceToken, spaceCjk } from './search-index.ts';

export interface ListFilters {
  /** Words and "phrases", all of which must occur in the title, body head, topic or source name. */
  search?: string;
  sourceId?: string;
  /** A source by id or by name (the command line's --source). */
  source?: string;
  /** An MQTT topic filter (+ and # wildcards). */
  topic?: string;
  minPriority?: number;
  unreadOnly?: boolean;
  /** Received at or after (ms since the epoch). */
  since?: number;
  /** Received at or before (ms since the epoch). */
  until?: number;
  /** Only messages with an attachment, or with action buttons (push servers' extras). */
  has?: MessageFeature;
}

export interface ListOptions extends ListFilters {
  /** Keyset cursor: only messages with a smaller id (the previous page's nextBefore). */
  before?: number;
  limit: number;
}

export interface ListPage {
  items: ReturnType<typeof toSummary>[];
  /** On the first page (no `before`): the pinned messages that match, newest first, shown above the rest. */
  pinned?: ReturnType<typeof toSummary>[];
  /** Cursor for the next (older) page, or null when this page was the last. */
  nextBefore: number | null;
  /** A short note on how the search was done (e.g. short words looked for in recent messages only). */
  notice?: string;
}

/** A search of single letters only is looked for (LIKE) in this many newest messages. */
export const SHORT_TERM_WINDOW = 50_000;
const SHORT_NOTICE =
  `Single letters alone are only looked for in the newest ${SHORT_TERM_WINDOW.toLocaleString('en-US')} ` +
  'messages; add a longer word to search everything.';

export function hasFilters(o: ListFilters): boolean {
  return (
    (o.search !== undefined && o.search.trim() !== '') ||
    o.sourceId !== undefined ||
    o.source !== undefined ||
    (o.topic !== undefined && o.topic !== '#') ||
    o.minPriority !== undefined ||
    o.since !== undefined ||
    o.until !== undefined ||
    o.has !== undefined
  );
}

/** The read exceptions as candidate rows (the alias keeps `id` in the selected columns unambiguous). */
const EXCEPTIONS_FROM = '(SELECT id AS xid FROM read_exceptions) x CROSS JOIN messages ON messages.id = x.xid';

/** Pinned messages shown on top of the list at most (more stay pinned, and are found by their filters). */
export const MAX_PINNED_SHOWN = 200;

export class FilteredList {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();
  private readonly maxId: StatementSync;
  private readonly minId: StatementSync;
  private readonly nextRow: StatementSync;
  private readonly backfillPending: StatementSync;
  private readonly watermark: StatementSync;
  private readonly anyPinned: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    db.function('herald_topic_match', { deterministic: true }, (filter, topic) =>
      topicMatches(String(filter), String(topic)) ? 1 : 0,
    );
    this.maxId = db.prepare('SELECT coalesce(max(id), 0) AS id FROM messages');
    this.minId = db.prepare('SELECT coalesce(min(id), 0) AS id FROM messages');
    this.nextRow = db.prepare('SELECT id, received_at FROM messages WHERE id >= ? ORDER BY id LIMIT 1');
    this.backfillPending = db.prepare('SELECT 1 AS yes FROM search_backfill');
    this.watermark = db.prepare('SELECT id FROM read_watermark');
    this.anyPinned = db.prepare('SELECT 1 AS yes FROM messages WHERE pinned = 1 LIMIT 1');
  }

  /** A page of unpinned messages (the pinned ones come from pinnedRows). */
  list(options: ListOptions): ListPage {
    const { rows, notice } = this.query(options, SUMMARY_COLUMNS, options.before, false, undefined, true);
    const items = rows.map(toSummary);
    const last = items.at(-1);
    const page: ListPage = { items, nextBefore: items.length === options.limit && last ? last.id : null };
    if (notice !== undefined) page.notice = notice;
    return page;
  }

  /** Newest first, ids below `before` (what `herald search` walks). */
  rowsBefore(filters: ListFilters, columns: string, before: number | undefined, limit: number): Row[] {
    return this.query({ ...filters, limit }, columns, before, false).rows;
  }

  /** Oldest first, ids above `after` up to `upTo` (what `herald export` with filters walks). */
  rowsAfter(filters: ListFilters, columns: string, after: number, upTo: number, limit: number): Row[] {
    return this.query({ ...filters, limit }, columns, after, true, upTo).rows;
  }

  /**
   * The pinned messages that match, newest first. Without a search, walked on the partial index of pinned rows
   * (few). With one, from the FTS index: its terms AND the pin token (search-index.ts), which FTS5 answers by
   * seeking the terms' postings to the few pinned rowids, neither walking every match nor looking up each pin
   * in the whole index (that cost milliseconds per pin). Each row found is then checked exactly. The index query
   * costs about what a page of the search does (a prefix term's postings are merged either way), so it is skipped
   * when nothing is pinned.
   */
  pinned(filters: ListFilters): ReturnType<typeof toSummary>[] {
    if (this.anyPinned.get() === undefined) return [];
    const indexed = parseSearchQuery(filters.search ?? '').filter((t) => !isShortTerm(t));
    if (indexed.length === 0) {
      const from = 'messages INDEXED BY messages_pinned';
      const where = ['messages.pinned = 1'];
      return this.checkedRows(filters, SUMMARY_COLUMNS, from, where, [], false, MAX_PINNED_SHOWN).map(toSummary);
    }
    const from = 'messages_fts CROSS JOIN messages ON messages.id = messages_fts.rowid';
    const where = ['messages_fts MATCH ?', 'messages.pinned = 1'];
    const params = [`${ftsExpression(indexed)} AND ${PINNED_TOKEN}`];
    return this.checkedRows(filters, SUMMARY_COLUMNS, from, where, params, false, MAX_PINNED_SHOWN, true).map(
      toSummary,
    );
  }

  /**
   * Rows of `from` (a few candidates: pins, read exceptions) that match every filter, each checked on its own:
   * the search by an FTS lookup of the row's own rowid (unless `from` holds only rows that match its indexed
   * terms already), the rest exactly.
   */
  private checkedRows(
    filters: ListFilters,
    columns: string,
    from: string,
    where: string[],
    params: SQLInputValue[],
    ascending: boolean,
    limit: number,
    matched = false,
  ): Row[] {
    const terms = parseSearchQuery(filters.search ?? '');
    const indexed = terms.filter((t) => !isShortTerm(t));
    if (indexed.length > 0 && !matched) {
      where.push('EXISTS (SELECT 1 FROM messages_fts WHERE messages_fts MATCH ? AND rowid = messages.id)');
      params.push(ftsExpression(indexed));
    }
    for (const term of terms.filter(isShortTerm)) addShortTerm(term, where, params);
    addFilters(filters, where, params);
    const sql =
      `SELECT ${columns} FROM ${from} WHERE ${where.join(' AND ')} ` +
      `ORDER BY messages.id ${ascending ? 'ASC' : 'DESC'} LIMIT ?`;
    return this.statement(sql).all(...params, limit);
  }

  private query(
    options: ListOptions,
    columns: string,
    cursor: number | undefined,
    ascending: boolean,
    upTo?: number,
    unpinnedOnly = false,
  ): { rows: Row[]; notice?: string } {
    const terms = parseSearchQuery(options.search ?? '');
    const indexed = terms.filter((t) => !isShortTerm(t));
    const short = terms.filter(isShortTerm);
    let idColumn = 'messages.id';
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    // The id bounds again, on messages.id, for the read exceptions of "unread only" (see below).
    const bounds: string[] = [];
    const boundParams: SQLInputValue[] = [];
    const bound = (operator: string, value: number) => {
      where.push(`${idColumn} ${operator} ?`);
      params.push(value);
      bounds.push(`messages.id ${operator} ?`);
      boundParams.push(value);
    };
    const match = indexed.length > 0 ? [ftsExpression(indexed)] : [];
    // Facets from the index only once every message is in it (or when a search limits us to the index anyway).
    if (match.length > 0 || this.backfillPending.get() === undefined) {
      if (options.sourceId !== undefined) match.push(`"${sourceToken(options.sourceId)}"`);
      if (options.topic !== undefined) match.push(...topicTokens(options.topic));
      if (options.minPriority !== undefined && options.minPriority > 1) {
        const tokens = [5, 4, 3, 2].filter((p) => p >= options.minPriority!).map(priorityToken);
        match.push(`(${tokens.join(' OR ')})`);
      }
    }
    let from = 'messages';
    if (match.length > 0) {
      from = 'messages_fts CROSS JOIN messages ON messages.id = messages_fts.rowid';
      idColumn = 'messages_fts.rowid';
      where.push('messages_fts MATCH ?');
      params.push(match.join(' AND '));
    }
    if (options.since !== undefined) bound('>=', this.firstIdAtOrAfter(options.since));
    if (options.until !== undefined) bound('<', this.firstIdAtOrAfter(options.until + 1));
    let notice: string | undefined;
    if (short.length > 0 && indexed.length === 0) {
      bound('>', (this.maxId.get() as { id: number }).id - SHORT_TERM_WINDOW);
      notice = SHORT_NOTICE;
    }
    if (ascending) {
      bound('>', cursor ?? 0);
      bound('<=', upTo ?? Number.MAX_SAFE_INTEGER);
    } else {
      bound('<', cursor ?? Number.MAX_SAFE_INTEGER);
    }
    if (unpinnedOnly) {
      where.push('messages.pinned = 0');
      bounds.push('messages.pinned = 0');
    }
    // Unread only, in two parts (read-state.ts): the walk covers only ids above the read watermark, and the
    // unread ones below it are its exceptions, looked up one by one; so after "mark all read" no query walks
    // through the read million.
    const watermark = options.unreadOnly === true ? (this.watermark.get() as { id: number }).id : 0;
    // Right after "mark all read" nothing is above the watermark: the index need not be asked at all.
    const above = watermark === 0 || watermark < (this.maxId.get() as { id: number }).id;
    if (watermark > 0) {
      where.push(`${idColumn} > ?`);
      params.push(watermark);
    }
    for (const term of short) addShortTerm(term, where, params);
    addFilters(options, where, params);
    const sql =
      `SELECT ${columns} FROM ${from} WHERE ${where.join(' AND ')} ` +
      `ORDER BY ${idColumn} ${ascending ? 'ASC' : 'DESC'} LIMIT ?`;
    params.push(options.limit);
    let rows = above ? (this.statement(sql).all(...params) as Row[]) : [];
    if (watermark > 0 && (ascending || rows.length < options.limit)) {
      const exceptions = this.checkedRows(
        options,
        columns,
        EXCEPTIONS_FROM,
        bounds,
        boundParams,
        ascending,
        ascending ? options.limit : options.limit - rows.length,
      );
      // Exceptions are all below the watermark: before the walk's rows oldest first, after them newest first.
      rows = ascending ? exceptions.concat(rows).slice(0, options.limit) : rows.concat(exceptions);
    }
    return notice === undefined ? { rows } : { rows, notice };
  }

  /** The first id received at or after `time`, assuming arrival order (binary search, ~log2(n) lookups). */
  firstIdAtOrAfter(time: number): number {
    let lo = (this.minId.get() as { id: number }).id;
    let hi = (this.maxId.get() as { id: number }).id + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const row = this.nextRow.get(mid) as { id: number; received_at: number } | undefined;
      if (row === undefined || row.received_at >= time) hi = mid;
      else lo = row.id + 1;
    }
    return lo;
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (this.statements.size > 100) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * Every term quoted (so nothing is FTS5 syntax), all required. A word is a prefix (`"temp" *`; in a word with
 * separators such as `kitchen/temp`, its last token); a phrase, or text ending in a CJK character, is exact.
 */
function ftsExpression(terms: readonly SearchTerm[]): string {
  return terms
    .map((t) => {
      const quoted = `"${spaceCjk(t.text).replace(/"/g, '""')}"`;
      return t.phrase || CJK_CHAR.test(t.text.at(-1) ?? '') ? quoted : `${quoted} *`;
    })
    .join(' AND ');
}

/** A single letter or two: looked for with LIKE (the index holds no such short prefixes). */
function addShortTerm(term: SearchTerm, where: string[], params: SQLInputValue[]): void {
  const like = `%${term.text.replace(/[\\%_]/g, '\\$&')}%`;
  where.push(
    `(messages.title LIKE ? ESCAPE '\\' OR (messages.body_kind != 'binary' AND messages.body LIKE ? ESCAPE '\\')` +
      ` OR messages.topic LIKE ? ESCAPE '\\' OR messages.source_name LIKE ? ESCAPE '\\')`,
  );
  params.push(like, like, like, like);
}

/** The exact checks of every filter, as SQL conditions on the messages table. */
export function addFilters(o: ListFilters, where: string[], params: SQLInputValue[]): void {
  if (o.sourceId !== undefined) {
    where.push('messages.source_id = ?');
    params.push(o.sourceId);
  }
  if (o.source !== undefined) {
    where.push('(messages.source_id = ? OR messages.source_name = ?)');
    params.push(o.source, o.source);
  }
  if (o.topic !== undefined) addTopicFilter(o.topic, where, params);
  if (o.minPriority !== undefined) {
    where.push('messages.priority >= ?');
    params.push(o.minPriority);
  }
  if (o.unreadOnly === true) where.push(`NOT ${READ_EXPRESSION}`);
  if (o.has === 'attachment') where.push(`json_extract(messages.extras, '$.attachment') IS NOT NULL`);
  if (o.has === 'actions') where.push(`json_array_length(messages.extras, '$.actions') > 0`);
  if (o.since !== undefined) {
    where.push('messages.received_at >= ?');
    params.push(o.since);
  }
  if (o.until !== undefined) {
    where.push('messages.received_at <= ?');
    params.push(o.until);
  }
}

/**
 * A topic filter: without wildcards, equality (the topic index answers it). With wildcards, a check of each
 * row; the rows to check come from the FTS index where its literal levels are tokens (see topicTokens), else
 * from the walk down the primary key. A range on the topic index is not used: a short prefix such as `site/`
 * covers most of an inbox and would make SQLite read and sort all of it.
 */
function addTopicFilter(filter: string, where: string[], params: SQLInputValue[]): void {
  if (filter === '#') return;
  if (!hasWildcard(filter)) {
    where.push('messages.topic = ?');
    params.push(filter);
    return;
  }
  where.push('herald_topic_match(?, messages.topic)');
  params.push(filter);
}

function hasWildcard(filter: string): boolean {
  return filter.split('/').some((level) => level === '+' || level === '#');
}

/** The literal levels of a wildcard topic filter as FTS5 phrases (a narrowing: the exact check follows). */
export function topicTokens(filter: string): string[] {
  if (!hasWildcard(filter)) return [];
  return filter
    .split('/')
    .filter((level) => level !== '+' && level !== '#' && /[\p{L}\p{N}]/u.test(level))
    .map((level) => `"${spaceCjk(level).replace(/"/g, '""')}"`);
}

/** MQTT topic filter matching (`+` one level, `#` the rest, including the parent level). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
