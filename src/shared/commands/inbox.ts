// Commands of the inbox: list (with search and filters), read one, read state, message actions.
import { z } from 'zod';
import { MessageDetail, MessageSummary } from '../model.ts';
import { isValidTopicFilter } from '../sources/fields.ts';
import { Empty, MessageId } from './common.ts';

export const inboxCommands = {
  'inbox.list': {
    request: z
      .object({
        /** Keyset cursor: return messages with an id below this one (newest first). */
        before: MessageId.optional(),
        limit: z.number().int().min(1).max(500).default(100),
        unreadOnly: z.boolean().optional(),
        /** Words and "phrases" (all must occur); any text is accepted, nothing is FTS5 syntax. */
        search: z.string().max(500).optional(),
        sourceId: z.string().min(1).optional(),
        /** An MQTT topic filter (+ and #). */
        topic: z.string().min(1).max(1024).refine(isValidTopicFilter, 'topic filter is invalid').optional(),
        minPriority: z.number().int().min(1).max(5).optional(),
        /** Received at or after / at or before (ms since the epoch). */
        since: z.number().int().min(0).optional(),
        until: z.number().int().min(0).optional(),
      })
      .strict(),
    response: z.object({
      items: z.array(MessageSummary),
      nextBefore: z.number().int().nullable(),
      /** A short note on how a search was done (e.g. short words looked for in recent messages only). */
      notice: z.string().optional(),
    }),
  },
  'inbox.get': { request: z.object({ id: MessageId }).strict(), response: MessageDetail.nullable() },
  'inbox.markRead': {
    request: z.object({ ids: z.array(MessageId).min(1).max(1000) }).strict(),
    response: z.object({ unread: z.number().int() }),
  },
  'inbox.markAllRead': { request: Empty, response: z.object({ unread: z.number().int() }) },
  /**
   * Runs one of a message's action buttons (ntfy actions): `http` requests are sent by main (no CORS, no
   * page involved); `view` and `copy` come back for the UI to open or copy.
   */
  'inbox.runAction': {
    request: z.object({ id: MessageId, index: z.number().int().min(0).max(10) }).strict(),
    response: z.object({
      /** For http: the response status. */
      status: z.number().int().optional(),
      /** For view: the http(s) URL to open. */
      openUrl: z.string().optional(),
      /** For copy: the text to put on the clipboard. */
      copyText: z.string().optional(),
    }),
  },
} as const;
