// Gotify's MessageExternal (model/message.go) as a Herald message. Pure functions.
import type { MessageExtras } from '../../../../shared/model.ts';
import type { IncomingMessage } from '../common/source.ts';

export interface GotifyMessage {
  /** Auto-increment, monotonic per server: the cursor and the dedupe key. */
  id: number;
  appid: number;
  message: string;
  title?: string;
  priority?: number;
  extras?: Record<string, unknown>;
  /** RFC 3339 with offset, e.g. 2018-02-27T19:36:10.5045044+01:00 */
  date?: string;
}

/** A Gotify message, or null when the value is not one (then it is dropped and counted). */
export function parseGotifyMessage(value: unknown): GotifyMessage | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const m = value as Record<string, unknown>;
  if (!Number.isSafeInteger(m.id) || (m.id as number) <= 0) return null;
  if (!Number.isSafeInteger(m.appid) || typeof m.message !== 'string') return null;
  return value as GotifyMessage;
}

/**
 * Gotify's 0..10 on Herald's 1..5, following what Gotify's Android app does with each band:
 * 0 no notification → 1 (min); 1-3 silent → 2 (low); 4-7 with sound → 3 (normal); 8-10 vibrate → 5 (max).
 * 4-7 maps to normal, not high: 5 is the customary default of Gotify publishers, and it is an ordinary message.
 */
export function gotifyPriority(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 3;
  if (value <= 0) return 1;
  if (value <= 3) return 2;
  if (value <= 7) return 3;
  return 5;
}

export interface GotifyApp {
  name: string;
  /** Absolute URL of the application's image. */
  icon?: string;
}

export function gotifyToIncoming(
  m: GotifyMessage,
  app: GotifyApp,
  context: { sourceId: string; sourceName: string },
): IncomingMessage {
  const extras: MessageExtras = { serverId: String(m.id) };
  const sentAt = typeof m.date === 'string' ? Date.parse(m.date) : NaN;
  if (Number.isFinite(sentAt)) extras.sentAt = sentAt;
  if (app.icon) extras.icon = app.icon;
  const contentType = stringAt(m.extras, 'client::display', 'contentType');
  if (contentType) extras.contentType = contentType;
  const clickUrl = stringAt(m.extras, 'client::notification', 'click', 'url');
  if (clickUrl) extras.clickUrl = clickUrl;

  const properties: Record<string, unknown> = { id: m.id, appid: m.appid, priority: m.priority ?? null };
  if (m.date) properties.date = m.date;
  if (m.extras && typeof m.extras === 'object') properties.extras = m.extras;

  return {
    sourceId: context.sourceId,
    sourceName: context.sourceName,
    topic: app.name,
    receivedAt: Date.now(),
    fields: {
      ...(typeof m.title === 'string' && m.title !== '' ? { title: m.title } : {}),
      body: m.message,
      priority: gotifyPriority(m.priority),
      extras,
    },
    properties,
    dedupeKey: String(m.id),
    cursor: String(m.id),
  };
}

/** extras['client::display'].contentType and the like, when every step exists and the end is a string. */
function stringAt(root: unknown, ...path: string[]): string | undefined {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' && node !== '' ? node : undefined;
}
