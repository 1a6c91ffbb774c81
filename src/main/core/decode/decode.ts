// Turns one raw payload into what the inbox stores and the list shows. Runs once per message on the hot path,
// so it leans on native code (isUtf8 and Buffer#toString, one regex test, JSON.parse only for payloads that look like JSON)
// and never interprets or sanitises the content: rendering safely is the UI's job, the inbox keeps what came.
import { Buffer, isUtf8 } from 'node:buffer';
import type { Decoded } from './types.ts';

export interface DecodeOptions {
  /** Payloads larger than this keep only their head; `size` still reports the original length. */
  maxBytes: number;
}

export const PREVIEW_MAX_CHARS = 200;
export const TITLE_MAX_CHARS = 200;
/** Enough bytes for a recognisable fingerprint of a binary payload, still one short line. */
const HEX_PREVIEW_BYTES = 32;
const DEFAULT_PRIORITY = 3;

// Tab, line feed and carriage return are ordinary in text; any other C0 control byte means the payload is not
// meant to be read as text (NUL-padded structs, ANSI escapes, protobuf...), so it is shown as bytes instead.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;
const WHITESPACE_RUN = /\s+/g;
const HEX_BYTE = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

const NAMED_PRIORITIES: Readonly<Record<string, number>> = {
  min: 1,
  low: 2,
  default: 3,
  normal: 3,
  high: 4,
  max: 5,
  urgent: 5,
};

export function decode(payload: Uint8Array, options: DecodeOptions): Decoded {
  const size = payload.length;
  const truncated = size > options.maxBytes;
  // A copy, not a view: the head must not keep a multi-megabyte packet buffer alive while it waits to be written.
  const kept = truncated ? new Uint8Array(payload.subarray(0, utf8SafeCut(payload, options.maxBytes))) : payload;

  // Validating first and then decoding natively is about twice as fast as a fatal TextDecoder.
  if (!isUtf8(kept)) return binary(kept, truncated, size);
  const text = Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength).toString('utf8');
  if (CONTROL_CHAR.test(text)) return binary(kept, truncated, size);

  // A cut-off JSON document cannot parse, so a truncated payload is shown as the text it is.
  if (!truncated && looksLikeJson(text)) {
    const parsed = parseJson(text);
    if (parsed !== undefined) return fromJson(text, parsed, size);
  }
  return {
    title: null,
    preview: collapsedPreview(text),
    body: text,
    bodyKind: 'text',
    priority: DEFAULT_PRIORITY,
    truncated,
    size,
    raw: null,
  };
}

/**
 * Where to cut a payload at most `max` bytes long without splitting a UTF-8 sequence: if the first dropped byte
 * is a continuation byte (10xxxxxx), the character it belongs to started earlier, so back off to its lead byte.
 * At most 3 steps: a longer run of continuation bytes is not UTF-8 anyway and the payload will be binary.
 */
export function utf8SafeCut(bytes: Uint8Array, max: number): number {
  let cut = Math.max(0, Math.min(max, bytes.length));
  const floor = Math.max(0, cut - 3);
  while (cut > floor && cut < bytes.length && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return cut;
}

function binary(kept: Uint8Array, truncated: boolean, size: number): Decoded {
  return {
    title: null,
    preview: hexPreview(kept),
    body: '',
    bodyKind: 'binary',
    priority: DEFAULT_PRIORITY,
    truncated,
    size,
    raw: kept,
  };
}

function hexPreview(bytes: Uint8Array): string {
  const end = Math.min(bytes.length, HEX_PREVIEW_BYTES);
  let out = '';
  for (let i = 0; i < end; i++) out += i === 0 ? HEX_BYTE[bytes[i]!] : ' ' + HEX_BYTE[bytes[i]!];
  return out;
}

/** Only objects and arrays are parsed: a bare `21.5` or `"on"` from a sensor reads best as the text it is. */
function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    // 0x7b is '{', 0x5b is '['.
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fromJson(text: string, parsed: unknown, size: number): Decoded {
  const decoded: Decoded = {
    title: null,
    preview: '',
    body: text,
    bodyKind: 'json',
    priority: DEFAULT_PRIORITY,
    truncated: false,
    size,
    raw: null,
  };
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    decoded.preview = cutChars(JSON.stringify(parsed), PREVIEW_MAX_CHARS);
    return decoded;
  }
  const fields = parsed as Record<string, unknown>;
  decoded.title = typeof fields.title === 'string' ? cleanTitle(fields.title) : null;
  const message = firstString(fields.message, fields.body, fields.text);
  decoded.preview =
    message !== undefined ? collapsedPreview(message) : cutChars(JSON.stringify(parsed), PREVIEW_MAX_CHARS);
  decoded.priority = priorityOf(fields.priority);
  const id = fields.id;
  if ((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id))) {
    decoded.externalId = String(id);
  }
  return decoded;
}

function firstString(...candidates: unknown[]): string | undefined {
  for (const candidate of candidates) if (typeof candidate === 'string') return candidate;
  return undefined;
}

/**
 * Maps what publishers send onto 1..5 (3 = normal):
 * - numbers 1..5 are ntfy-style and kept (rounded, below 1 becomes 1);
 * - numbers above 5 are read on Gotify's 0..10 scale: 6-7 → 4 (high), 8 and above → 5 (max);
 * - names: min 1, low 2, default/normal 3, high 4, max/urgent 5 (any case); numeric strings like "4" as numbers;
 * - anything else → 3.
 */
export function priorityOf(value: unknown): number {
  if (typeof value === 'string') {
    const named = NAMED_PRIORITIES[value.trim().toLowerCase()];
    if (named !== undefined) return named;
    value = value.trim() === '' ? NaN : Number(value);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_PRIORITY;
  if (value > 5) return value >= 8 ? 5 : 4;
  return Math.max(1, Math.round(value));
}

function cleanTitle(title: string): string | null {
  const trimmed = cutChars(title.trim(), TITLE_MAX_CHARS).trimEnd();
  return trimmed === '' ? null : trimmed;
}

/**
 * First PREVIEW_MAX_CHARS characters with whitespace runs as single spaces. Works on a growing window of the
 * text so a megabyte body costs about as much as a short one, unless it opens with a huge run of whitespace.
 */
export function collapsedPreview(text: string): string {
  let window = PREVIEW_MAX_CHARS * 2;
  for (;;) {
    const collapsed = text.slice(0, window).replace(WHITESPACE_RUN, ' ').trimStart();
    // More than the limit collected (one extra so a trailing space can be trimmed), or nothing more to read.
    if (collapsed.length > PREVIEW_MAX_CHARS || window >= text.length) {
      return cutChars(collapsed, PREVIEW_MAX_CHARS).trimEnd();
    }
    window *= 4;
  }
}

/** Cuts to at most `max` UTF-16 units without leaving half of a surrogate pair (an emoji) at the end. */
function cutChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
