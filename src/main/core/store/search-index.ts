// The search index's writes: one row per message in messages_fts (rowid = message id), added in the same
// transaction as the message and removed with it. One column holds title, body head, topic and source name;
// CJK characters are spaced out so the unicode61 tokenizer indexes each one (a phrase of them is any run of
// such text). Only the head of the body is indexed, which keeps the index and the cost of ingest small; longer
// bodies are found by what their first INDEXED_BODY_CHARS characters say. Source, priority and being pinned are
// tokens too (facets the list filters on); a pin or unpin writes the message's entry again.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { BodyKind } from '../../../shared/model.ts';
import { CJK_CHAR } from '../../../shared/search-query.ts';

const CJK_CHARS = new RegExp(CJK_CHAR.source, 'g');

/** Spaces out CJK characters so each is a token of its own. */
export function spaceCjk(text: string): string {
  return CJK_CHAR.test(text) ? text.replace(CJK_CHARS, ' $& ') : text;
}

/** How much of a body is indexed (characters). The UI says so next to the search field. */
export const INDEXED_BODY_CHARS = 2048;

/**
 * Facets as tokens of their own, so a source or priority filter is answered by the index too (no b-tree index
 * per filter, which would cost every insert): `zzs` + the source id (letters and digits), `zzp` + priority.
 */
export function sourceToken(sourceId: string): string {
  return `zzs${sourceId.replace(/[^A-Za-z0-9]/g, 'x')}`;
}
export function priorityToken(priority: number): string {
  return `zzp${priority}`;
}
/**
 * Pinned messages carry this token too (written again on pin and unpin), so a search finds its pinned matches,
 * listed on top, with one index query (its terms AND this token) rather than a lookup of each pin.
 */
export const PINNED_TOKEN = 'zzpinned';

export interface IndexedContent {
  sourceId: string;
  priority: number;
  title: string | null;
  body: string;
  bodyKind: BodyKind;
  topic: string;
  sourceName: string;
  /** New messages are not. */
  pinned?: boolean;
}

/** The columns of a stored message its entry is built from (see contentOf). */
export const INDEXED_COLUMNS = 'id, source_id, priority, title, body, body_kind, topic, source_name, pinned';

/** A row of INDEXED_COLUMNS as what the index holds of it. */
export function contentOf(row: Record<string, unknown>): IndexedContent {
  return {
    sourceId: row.source_id as string,
    priority: row.priority as number,
    title: row.title as string | null,
    body: row.body as string,
    bodyKind: row.body_kind as BodyKind,
    topic: row.topic as string,
    sourceName: row.source_name as string,
    pinned: row.pinned === 1,
  };
}

/** The text of a message's entry: its words, then the facet tokens. */
export function indexedText(m: IndexedContent): string {
  const text =
    `${m.title ?? ''}\n${indexedBody(m.bodyKind, m.body)}\n${m.topic}\n${m.sourceName}\n` +
    `${sourceToken(m.sourceId)} ${priorityToken(m.priority)}${m.pinned === true ? ` ${PINNED_TOKEN}` : ''}`;
  return spaceCjk(text);
}

/** indexedText as the SQL function herald_indexed_text(INDEXED_COLUMNS but id), for the schema upgrade. */
export function defineIndexedText(db: DatabaseSync): void {
  const columns = INDEXED_COLUMNS.split(', ').slice(1);
  db.function('herald_indexed_text', { deterministic: true, varargs: true }, (...values) =>
    indexedText(contentOf(Object.fromEntries(columns.map((column, i) => [column, values[i]])))),
  );
}

/**
 * The highest id the background indexing (search-backfill.ts) has yet to reach, or 0: it indexes the messages up
 * to it as they are when it gets there, so their entries are not written before.
 */
const BACKFILL_NEXT_ID = 'coalesce((SELECT next_id FROM search_backfill), 0)';

export class SearchIndexWrites {
  private readonly insert: StatementSync;
  private readonly remove: StatementSync;
  private readonly indexedRow: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = db.prepare('INSERT INTO messages_fts (rowid, fts_text) VALUES (?, ?)');
    this.remove = db.prepare('DELETE FROM messages_fts WHERE rowid = ?');
    this.indexedRow = db.prepare(`SELECT ${INDEXED_COLUMNS} FROM messages WHERE id = ? AND id > ${BACKFILL_NEXT_ID}`);
  }

  add(id: number, m: IndexedContent): void {
    this.insert.run(id, indexedText(m));
  }

  /** Writes a stored message's entry again as the row is now (after a pin or unpin), if it is indexed yet. */
  rewrite(id: number): void {
    const row = this.indexedRow.get(id);
    if (row === undefined) return;
    this.remove.run(id);
    this.insert.run(id, indexedText(contentOf(row)));
  }

  /** A no-op for a message the background indexing has not reached yet. */
  delete(id: number): void {
    this.remove.run(id);
  }
}

function indexedBody(kind: BodyKind, body: string): string {
  if (kind === 'binary') return '';
  return body.length > INDEXED_BODY_CHARS ? body.slice(0, INDEXED_BODY_CHARS) : body;
}
