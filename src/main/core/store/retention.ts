// Retention in bounded steps. A rule (source and/or topic filter, max age, max count) becomes a boundary id:
// unpinned messages it applies to with a smaller id are deleted. The age boundary is a binary search on the
// primary key (ids grow with arrival); the count boundary is found by counting matches newest first over id
// ranges of RANGE ids. Every statement here reads at most RANGE rows, so the caller can yield between steps and
// neither ingest nor the UI ever waits on more than one of them.
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { RetentionRule } from '../../../shared/retention.ts';
import { addFilters, type FilteredList, type ListFilters } from './list-query.ts';

/** How many ids one counting or scanning step covers. */
export const RANGE = 5000;
/** How many messages one purge step deletes at most (one transaction). */
export const PURGE_STEP = 250;

const DAY_MS = 86_400_000;

export class RetentionQueries {
  private readonly db: DatabaseSync;
  private readonly list: FilteredList;
  private readonly statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, list: FilteredList) {
    this.db = db;
    this.list = list;
  }

  /** The first id the max-age part of a rule keeps (0 when the rule has no max age). */
  ageBoundary(rule: RetentionRule, now: number): number {
    if (rule.maxAgeDays === undefined) return 0;
    return this.list.firstIdAtOrAfter(now - rule.maxAgeDays * DAY_MS);
  }

  /** Unpinned messages the rule applies to with ids in [from, to). */
  countIn(rule: RetentionRule, from: number, to: number): number {
    const { sql, params } = this.where(rule, from, to);
    return (this.statement(`SELECT count(*) AS n FROM messages WHERE ${sql}`).get(...params) as { n: number }).n;
  }

  /** The id of the `offset`-th newest (0 = newest) such message with an id in [from, to), if any. */
  nthNewestIn(rule: RetentionRule, from: number, to: number, offset: number): number | undefined {
    const { sql, params } = this.where(rule, from, to);
    const row = this.statement(`SELECT id FROM messages WHERE ${sql} ORDER BY id DESC LIMIT 1 OFFSET ?`).get(
      ...params,
      offset,
    ) as { id: number } | undefined;
    return row?.id;
  }

  /** Up to `limit` such ids in [from, to), oldest first: what one purge step deletes. */
  idsIn(rule: RetentionRule, from: number, to: number, limit: number): number[] {
    const { sql, params } = this.where(rule, from, to);
    const rows = this.statement(`SELECT id FROM messages WHERE ${sql} ORDER BY id LIMIT ?`).all(...params, limit);
    return rows.map((row) => row.id as number);
  }

  private where(rule: RetentionRule, from: number, to: number): { sql: string; params: SQLInputValue[] } {
    const where = ['messages.id >= ?', 'messages.id < ?', 'messages.pinned = 0'];
    const params: SQLInputValue[] = [from, to];
    const filters: ListFilters = {};
    if (rule.sourceId !== undefined) filters.sourceId = rule.sourceId;
    if (rule.topic !== undefined) filters.topic = rule.topic;
    addFilters(filters, where, params);
    return { sql: where.join(' AND '), params };
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
