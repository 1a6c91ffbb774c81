// Recent numeric values of one source's topic, for the detail view's chart. One query walks the topic index
// (messages_topic: topic, id) newest first and stops after `limit` rows, so a chart costs the same on a
// million-message inbox as on a small one. Bodies are read as rules read them (rules/payload-value.ts).
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { BodyKind } from '../../../shared/model.ts';
import { parseValuePath } from '../../../shared/rules/parse.ts';
import { asNumber, MISSING, Payload, type Value } from '../rules/payload-value.ts';

export interface TopicValuesQuery {
  sourceId: string;
  topic: string;
  /** `$.a.b` (rule condition syntax); none or `$`: the whole payload. */
  path?: string | undefined;
  limit: number;
  /** Only messages with a lower id. */
  before?: number | undefined;
}

export interface ValuePoint {
  id: number;
  receivedAt: number;
  value: number;
}

export interface TopicValues {
  /** Newest first. */
  points: ValuePoint[];
  /** Whether any message looked at had a number. */
  numeric: boolean;
}

interface ValueRow {
  id: number;
  received_at: number;
  body: string;
  body_kind: BodyKind;
}

export class TopicValueReads {
  private readonly newest: StatementSync;

  constructor(db: DatabaseSync) {
    // Messages of the same topic from other sources are skipped in the walk; they share the index range only
    // when two sources carry the very same topic.
    this.newest = db.prepare(
      `SELECT id, received_at, body, body_kind FROM messages INDEXED BY messages_topic
       WHERE topic = ? AND id < ? AND source_id = ? ORDER BY id DESC LIMIT ?`,
    );
  }

  values(query: TopicValuesQuery): TopicValues {
    const keys = parseValuePath(query.path ?? '$');
    if (keys === null) throw new Error(`not a JSON path: ${query.path}`);
    const before = query.before ?? Number.MAX_SAFE_INTEGER;
    const rows = this.newest.all(query.topic, before, query.sourceId, query.limit) as unknown as ValueRow[];
    const points: ValuePoint[] = [];
    for (const row of rows) {
      const value = chartNumber(new Payload(row.body, row.body_kind).at(keys));
      if (value !== null) points.push({ id: row.id, receivedAt: row.received_at, value });
    }
    return { points, numeric: points.length > 0 };
  }
}

/** A number as rules compare it, and a switch's true/false as 1/0 (a chart of on/off is a useful one). */
function chartNumber(value: Value | typeof MISSING): number | null {
  if (value === MISSING) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return asNumber(value);
}
