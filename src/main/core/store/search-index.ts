// The search index's writes: one row per message in messages_fts (rowid = message id), added in the same
// transaction as the message and removed with it. One column holds title, body head, topic and source name;
// CJK characters are spaced out so the unicode61 tokenizer indexes each one (a phrase of them is any run of
// such text). Only the head of the body is indexed, which keeps the index and the cost of ingest small; longer
// bodies are found by what their first INDEXED_BODY_CHARS characters say.
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

export interface IndexedContent {
  sourceId: string;
  priority: number;
  title: string | null;
  body: string;
  bodyKind: BodyKind;
  topic: string;
  sourceName: string;
}

export class SearchIndexWrites {
  private readonly insert: StatementSync;
  private readonly remove: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = db.prepare('INSERT INTO messages_fts (rowid, fts_text) VALUES (?, ?)');
    this.remove = db.prepare('DELETE FROM messages_fts WHERE rowid = ?');
  }

  add(id: number, m: IndexedContent): void {
    const text =
      `${m.title ?? ''}\n${indexedBody(m.bodyKind, m.body)}\n${m.topic}\n${m.sourceName}\n` +
      `${sourceToken(m.sourceId)} ${priorityToken(m.priority)}`;
    this.insert.run(id, spaceCjk(text));
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
