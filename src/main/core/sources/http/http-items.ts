// What one JSON answer of a polled endpoint becomes: its items (the body itself, the list at `itemsPath`, or a
// single object), each read with the same field mapping as a WebSocket frame, each with a dedupe key so that
// an item seen again on the next poll is not stored twice; and where the poll resumes (ETag, Last-Modified,
// the long-poll cursor), saved with the messages.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { FieldMapping } from '../../../../shared/sources.ts';
import { hasMapping, mapFields, valueAtPath, type FrameParts } from '../common/field-mapping.ts';

/** Where the next request starts: the validators of the last answer (short poll) or the cursor (long poll). */
export interface PollPosition {
  etag?: string;
  lastModified?: string;
  next?: string;
}

/**
 * New items in the order they happened, when the mapping says when each did (`time`): many APIs list newest
 * first, and the inbox shows messages in the order they were stored. Items without a time keep their place
 * relative to each other, after those with one; without a time mapping, the endpoint's order is kept.
 */
export function oldestFirst<T extends { fields?: { extras?: { sentAt?: number } } }>(items: T[]): T[] {
  const at = (item: T) => item.fields?.extras?.sentAt ?? Number.POSITIVE_INFINITY;
  if (!items.some((item) => at(item) !== Number.POSITIVE_INFINITY)) return items;
  // Array.prototype.sort is stable, so equal times (and the untimed) stay in the endpoint's order.
  return [...items].sort((a, b) => at(a) - at(b) || 0);
}

/** The items of a parsed answer, or why there are none where the user said they are. */
export function itemsOf(body: unknown, itemsPath: string | undefined): unknown[] | { problem: string } {
  const path = itemsPath?.trim();
  const found = path ? valueAtPath(body, path) : body;
  if (found === undefined) return { problem: `the response has nothing at "${path}" (check the items path)` };
  if (found === null) return [];
  return Array.isArray(found) ? (found as unknown[]) : [found];
}

/** One item's content as the mapping reads it, and the key that recognises it on the next poll. */
export function itemParts(item: unknown, mapping: FieldMapping): FrameParts & { dedupeKey: string } {
  const text = typeof item === 'string' ? item : JSON.stringify(item);
  let parts: FrameParts;
  if (typeof item === 'string') parts = { fields: { body: item } };
  else if (hasMapping(mapping)) parts = mapFields(item, text, mapping);
  else {
    // Left to the generic decoder, which reads the usual title/message/priority/id names; `id` keys it here too.
    parts = { payload: Buffer.from(text, 'utf8'), dedupeKey: mapFields(item, text, { id: 'id' }).dedupeKey };
  }
  // Without a mapped id the item's content is its identity: the same JSON again is the same item.
  return { ...parts, dedupeKey: parts.dedupeKey ?? `item:${sha256(text).slice(0, 32)}` };
}

/**
 * The long-poll cursor after an answer: at `cursorPath` in the answer itself (`{"items":[...],"next":"abc"}`),
 * else in its last item (`id`). Undefined when neither has one.
 */
export function nextCursor(
  body: unknown,
  items: readonly unknown[],
  cursorPath: string | undefined,
): string | undefined {
  const path = cursorPath?.trim();
  if (!path) return undefined;
  const fromBody = Array.isArray(body) ? undefined : cursorText(valueAtPath(body, path));
  return fromBody ?? (items.length ? cursorText(valueAtPath(items.at(-1), path)) : undefined);
}

function cursorText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The saved form of a position; it names the endpoint so that a changed URL starts afresh. */
export function encodePosition(url: string, position: PollPosition): string {
  return JSON.stringify({ endpoint: sha256(url).slice(0, 16), ...position });
}

export function decodePosition(url: string, saved: string | undefined): PollPosition {
  if (saved === undefined) return {};
  try {
    const record = JSON.parse(saved) as Record<string, unknown>;
    if (record.endpoint !== sha256(url).slice(0, 16)) return {};
    const text = (key: string) => (typeof record[key] === 'string' ? { [key]: record[key] } : {});
    return { ...text('etag'), ...text('lastModified'), ...text('next') };
  } catch {
    return {};
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
