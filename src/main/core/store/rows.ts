// Between SQLite rows and the shapes the rest of Herald uses: the columns each query selects and how a row
// becomes a list summary, a detail or an export line.
import { Buffer } from 'node:buffer';
import type { BodyKind, MessageDetail, MessageSummary } from '../../../shared/model.ts';
import { formatBody } from '../decode/body-format.ts';
import type { RuleAction } from '../../../shared/rules/schema.ts';
import type { NewMessage } from '../messages.ts';
import { READ_EXPRESSION } from './read-state.ts';

export type Row = Record<string, unknown>;

export const SUMMARY_COLUMNS =
  'id, source_id, source_name, topic, coalesce(title, topic) AS title, preview, priority, received_at, ' +
  `${READ_EXPRESSION} AS read, body_kind, truncated, size, notified, rule, pinned`;
export const DETAIL_COLUMNS = `${SUMMARY_COLUMNS}, body, raw, properties, extras, rule_action, rule_reason`;
export const EXPORT_COLUMNS =
  `id, source_name, topic, coalesce(title, topic) AS title, body, raw, priority, received_at, ${READ_EXPRESSION} AS read, ` +
  'body_kind, truncated, size, notified, rule';

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
  /** Whether an OS notification was shown for it. */
  notified: boolean;
  /** The rule that decided what happened to it; null for the default. */
  rule: string | null;
}

/** Every field of an export row, in the order the JSON Lines and CSV exports write them. */
export const EXPORT_FIELDS = [
  'id',
  'source',
  'topic',
  'title',
  'body',
  'priority',
  'receivedAt',
  'read',
  'bodyKind',
  'truncated',
  'size',
  'notified',
  'rule',
] as const satisfies readonly (keyof ExportRow)[];
type AssertNever<T extends never> = T;
/** Compile-time check: no field of ExportRow is left out of EXPORT_FIELDS. */
export type EveryExportField = AssertNever<Exclude<keyof ExportRow, (typeof EXPORT_FIELDS)[number]>>;

/** The summary of a message just stored under `id`, without reading it back. */
export function summaryOf(id: number, m: NewMessage): MessageSummary {
  return {
    id,
    sourceId: m.sourceId,
    sourceName: m.sourceName,
    topic: m.topic,
    title: m.title ?? m.topic,
    preview: m.preview,
    priority: m.priority,
    receivedAt: m.receivedAt,
    read: m.decision.action === 'read',
    bodyKind: m.bodyKind,
    truncated: m.truncated,
    size: m.size,
    notified: m.decision.notify,
    rule: m.decision.rule,
    pinned: false,
  };
}

/** The column values of an INSERT INTO messages, in the order of INSERT_COLUMNS. */
export const INSERT_COLUMNS =
  'source_id, source_name, topic, title, preview, body, body_kind, raw, priority, received_at, truncated, size, ' +
  'properties, dedupe_key, extras, fold_key, read, notified, rule, rule_action, rule_reason';

export function insertValues(m: NewMessage): (string | number | null | Uint8Array)[] {
  return [
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
    m.decision.action === 'read' ? 1 : 0,
    m.decision.notify ? 1 : 0,
    m.decision.rule,
    m.decision.action,
    m.decision.reason,
  ];
}

export function toSummary(row: Row): MessageSummary {
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
    notified: row.notified === 1,
    rule: row.rule as string | null,
    pinned: row.pinned === 1,
  };
}

export function toDetail(row: Row): MessageDetail {
  const bodyKind = row.body_kind as BodyKind;
  const raw = row.raw as Uint8Array | null;
  const body = row.body as string;
  const keptBytes = bodyKind === 'binary' ? (raw?.length ?? 0) : Buffer.byteLength(body);
  const detail: MessageDetail = {
    ...toSummary(row),
    body: formatBody(bodyKind, body, raw),
    keptBytes,
    decision: { action: row.rule_action as RuleAction, reason: row.rule_reason as string | null },
  };
  const properties = parseObject(row.properties as string | null);
  if (properties !== undefined) detail.properties = properties;
  const extras = parseObject(row.extras as string | null);
  if (extras !== undefined) detail.extras = extras;
  return detail;
}

export function toExportRow(row: Row): ExportRow {
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
    notified: row.notified === 1,
    rule: row.rule as string | null,
  };
}

function toBuffer(bytes: Uint8Array | null): Buffer {
  return bytes === null ? Buffer.alloc(0) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function parseObject(text: string | null): Record<string, unknown> | undefined {
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
