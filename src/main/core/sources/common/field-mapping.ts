// What one text frame (WebSocket) or event (SSE) of a generic push server becomes: the user says where the
// title, body, priority, id, link and time sit in the JSON (`data.title`, `items.0.text`), and the rest of the
// pipeline gets ready-made fields. Nothing is lost on the way: a frame that is not the JSON it should be is
// stored as the text it is, and without a body mapping the whole frame is the body.
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { MessageExtras } from '../../../../shared/model.ts';
import type { FieldMapping } from '../../../../shared/sources.ts';
import { priorityOf } from '../../decode/decode.ts';
import type { PushFields } from './source.ts';

export type FrameFormat = 'json' | 'text';

/** The parts of an IncomingMessage that come from the frame's content. Exactly one of fields and payload. */
export interface FrameParts {
  fields?: PushFields;
  /** Left to the generic decoder (JSON with no mapping: it knows the usual title/message/priority names). */
  payload?: Uint8Array;
  /** The mapped id: a frame with an id the inbox already has from this source is not stored again. */
  dedupeKey?: string;
  /** Why the frame was not read as configured, shown in the detail view. */
  note?: string;
}

/** Ids longer than this are hashed for the dedupe key (the full id stays in extras.serverId). */
const MAX_KEY_CHARS = 200;
/** Numbers below this are Unix seconds, above it milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_LIMIT = 1e11;
const MAX_DATE_MS = 8.64e15;

/**
 * The value at a dotted path: object keys by name, array elements by index (`items.0.text`). Only own
 * properties count, so a path can never reach `__proto__` or `constructor`. Undefined when any step is missing.
 */
export function valueAtPath(root: unknown, path: string): unknown {
  const trimmed = path.trim();
  if (trimmed === '') return undefined;
  let current = root;
  for (const segment of trimmed.split('.')) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (current !== null && typeof current === 'object') {
      if (!Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

export function hasMapping(mapping: FieldMapping): boolean {
  return Object.values(mapping).some((path) => typeof path === 'string' && path.trim() !== '');
}

/** Reads one frame's text as the source is configured. */
export function partsFromText(text: string, format: FrameFormat, mapping: FieldMapping): FrameParts {
  if (format === 'text') return { fields: { body: text } };
  if (!hasMapping(mapping)) return { payload: Buffer.from(text, 'utf8') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { fields: { body: text }, note: 'not valid JSON; stored as text' };
  }
  return mapFields(parsed, text, mapping);
}

/** Applies the mapping to a parsed frame; `text` is the frame as received, the body when none is mapped. */
export function mapFields(parsed: unknown, text: string, mapping: FieldMapping): FrameParts {
  const at = (path: string | undefined) => (path === undefined ? undefined : valueAtPath(parsed, path));
  const fields: PushFields = { body: asText(at(mapping.body)) ?? text };
  const title = asText(at(mapping.title))?.trim();
  if (title) fields.title = title;
  const priority = at(mapping.priority);
  if (priority !== undefined && priority !== null) fields.priority = priorityOf(priority);

  const extras: MessageExtras = {};
  const clickUrl = webUrl(at(mapping.url));
  if (clickUrl) extras.clickUrl = clickUrl;
  const sentAt = timeOf(at(mapping.time));
  if (sentAt !== undefined) extras.sentAt = sentAt;
  const id = idOf(at(mapping.id));
  if (id !== undefined) extras.serverId = id;
  if (Object.keys(extras).length) fields.extras = extras;

  const parts: FrameParts = { fields };
  if (id !== undefined) parts.dedupeKey = id.length > MAX_KEY_CHARS ? `sha256:${sha256(id)}` : id;
  return parts;
}

/** Strings as they are; numbers and booleans as written; objects and arrays as indented JSON. */
function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

/** Only http(s) links become click targets: a frame must not be able to make a click run `file:` or `javascript:`. */
function webUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Unix seconds, milliseconds (numbers or numeric strings) or a date string (ISO 8601, RFC 2822) → ms. */
export function timeOf(value: unknown): number | undefined {
  let ms: number;
  if (typeof value === 'number') {
    ms = Math.abs(value) < SECONDS_LIMIT ? value * 1000 : value;
  } else if (typeof value === 'string' && value.trim() !== '') {
    const numeric = Number(value);
    if (Number.isFinite(numeric)) return timeOf(numeric);
    ms = Date.parse(value);
  } else {
    return undefined;
  }
  return Number.isFinite(ms) && ms > 0 && ms < MAX_DATE_MS ? Math.round(ms) : undefined;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
