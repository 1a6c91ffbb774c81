// ntfy's JSON events as Herald messages. Pure functions: parse one line, map one event. Field meanings are
// ntfy's (server/types.go, docs/subscribe/api.md); how they look in the inbox follows ntfy's own web app.
import { Buffer } from 'node:buffer';
import type { MessageAction, MessageExtras } from '../../../../shared/model.ts';
import { splitTags } from './ntfy-emoji.ts';
import type { IncomingMessage } from '../common/source.ts';

/** One event off an ntfy stream, as much of it as Herald uses. Only id/event/time are guaranteed. */
export interface NtfyEvent {
  id: string;
  time: number;
  event: string;
  topic: string;
  /** Absent when the message was published with `Cache: no` (so its id is no use as a `since` cursor). */
  expires?: number;
  title?: string;
  message?: string;
  priority?: number;
  tags?: string[];
  click?: string;
  icon?: string;
  actions?: unknown[];
  attachment?: { name?: unknown; url?: unknown; type?: unknown; size?: unknown; expires?: unknown };
  content_type?: string;
  encoding?: string;
  sequence_id?: string;
  poll_id?: string;
}

/** Events that change the inbox; `open` and `keepalive` only prove the connection is alive. */
export const INBOX_EVENTS = new Set(['message', 'message_delete', 'message_clear']);

/** Parses one line of an ntfy JSON stream; null when it is not an ntfy event (then it is dropped). */
export function parseNtfyLine(line: string): NtfyEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const event = value as Record<string, unknown>;
  if (typeof event.id !== 'string' || event.id === '' || typeof event.event !== 'string') return null;
  if (typeof event.time !== 'number' || !Number.isFinite(event.time)) return null;
  if (INBOX_EVENTS.has(event.event) || event.event === 'poll_request') {
    if (typeof event.topic !== 'string' || event.topic === '') return null;
  }
  return value as NtfyEvent;
}

/** The key that groups an event with its updates: ntfy falls back to the message id, scoped by topic. */
export function sequenceKey(event: NtfyEvent): string {
  const sequence = typeof event.sequence_id === 'string' && event.sequence_id !== '' ? event.sequence_id : event.id;
  return `${event.topic}/${sequence}`;
}

export interface MapContext {
  sourceId: string;
  sourceName: string;
  receivedAt?: number;
}

/**
 * An inbox event as the pipeline's input. The cursor is the event's id only if the server caches it:
 * an uncached id would make the next `since=` unknown to the server, which then replays everything.
 */
export function ntfyToIncoming(event: NtfyEvent, context: MapContext): IncomingMessage {
  const base = {
    sourceId: context.sourceId,
    sourceName: context.sourceName,
    topic: event.topic,
    receivedAt: context.receivedAt ?? Date.now(),
    foldKey: sequenceKey(event),
    ...(typeof event.expires === 'number' ? { cursor: event.id } : {}),
  };
  if (event.event === 'message_delete') return { ...base, op: 'delete' };
  if (event.event === 'message_clear') return { ...base, op: 'clear' };

  const tags = Array.isArray(event.tags) ? event.tags.filter((t): t is string => typeof t === 'string') : [];
  const { emojis, plain } = splitTags(tags);
  const rawTitle = nonEmptyString(event.title);
  let body = bodyOf(event);
  // ntfy's rule: emoji go in front of the title, or in front of the message when there is no title.
  const prefix = emojis.length ? `${emojis.join(' ')} ` : '';
  const title = rawTitle === undefined ? undefined : prefix + rawTitle;
  if (rawTitle === undefined && prefix) body = prefix + body;

  const extras: MessageExtras = { serverId: event.id, sentAt: event.time * 1000 };
  if (plain.length) extras.tags = plain;
  const click = nonEmptyString(event.click);
  if (click) extras.clickUrl = click;
  const icon = nonEmptyString(event.icon);
  if (icon) extras.icon = icon;
  if (event.content_type === 'text/markdown') extras.contentType = 'text/markdown';
  const actions = Array.isArray(event.actions) ? event.actions.map(toAction).filter((a) => a !== null) : [];
  if (actions.length) extras.actions = actions;
  const attachment = toAttachment(event.attachment);
  if (attachment) extras.attachment = attachment;

  const properties: Record<string, unknown> = { event: event.event, id: event.id, time: event.time };
  if (typeof event.expires === 'number') properties.expires = event.expires;
  if (typeof event.sequence_id === 'string') properties.sequence_id = event.sequence_id;
  if (tags.length) properties.tags = tags;
  if (event.encoding) properties.encoding = event.encoding;

  return {
    ...base,
    fields: { ...(title !== undefined ? { title } : {}), body, priority: priorityOf(event.priority), extras },
    properties,
    dedupeKey: event.id,
  };
}

/** 1..5 as sent; ntfy leaves the field out for the default (3). */
function priorityOf(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value === 0) return 3;
  return Math.min(5, Math.max(1, Math.round(value)));
}

function bodyOf(event: NtfyEvent): string {
  const text = typeof event.message === 'string' ? event.message : '';
  // A body that was not valid UTF-8 arrives base64-encoded; show what can be shown of it.
  if (event.encoding === 'base64') return Buffer.from(text, 'base64').toString('utf8');
  return text;
}

const ACTION_KINDS = new Set<MessageAction['action']>(['view', 'http', 'broadcast', 'copy']);

function toAction(value: unknown): MessageAction | null {
  if (value === null || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  const kind = raw.action as MessageAction['action'];
  const label = nonEmptyString(raw.label);
  if (!ACTION_KINDS.has(kind) || label === undefined) return null;
  const action: MessageAction = { action: kind, label };
  for (const key of ['url', 'method', 'body', 'value'] as const) {
    const text = nonEmptyString(raw[key]);
    if (text !== undefined) action[key] = text;
  }
  const headers = stringRecord(raw.headers);
  if (headers) action.headers = headers;
  if (raw.clear === true) action.clear = true;
  return action;
}

function toAttachment(value: NtfyEvent['attachment']): MessageExtras['attachment'] | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const name = nonEmptyString(value.name);
  const url = nonEmptyString(value.url);
  if (name === undefined || url === undefined) return undefined;
  const attachment: NonNullable<MessageExtras['attachment']> = { name, url };
  const type = nonEmptyString(value.type);
  if (type) attachment.type = type;
  if (typeof value.size === 'number' && value.size > 0) attachment.size = value.size;
  // ntfy sends seconds; Herald's times are milliseconds (like sentAt).
  if (typeof value.expires === 'number' && value.expires > 0) attachment.expires = value.expires * 1000;
  return attachment;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * A catch-up (everything cached since our cursor) reduced to what the inbox must end up with. ntfy keeps
 * every revision of a sequence, and the delete tombstone, as separate messages. Replaying them one by one
 * would bring back a revision that was already replaced or deleted here (its row is gone, so its id no
 * longer dedupes) and notify for it again. So per sequence only the last `message` or `message_delete`
 * is kept, plus any `message_clear` after it; the order of what is kept does not change.
 */
export function coalesceCatchUp(events: readonly NtfyEvent[]): NtfyEvent[] {
  const lastIndex = new Map<string, number>();
  events.forEach((event, index) => {
    if (event.event === 'message' || event.event === 'message_delete') lastIndex.set(sequenceKey(event), index);
  });
  return events.filter((event, index) => {
    if (!INBOX_EVENTS.has(event.event)) return true;
    return index >= (lastIndex.get(sequenceKey(event)) ?? -1);
  });
}
