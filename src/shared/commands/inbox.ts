// Commands of the inbox: list (with search and filters), read one, read state, pins, deletion, retention,
// message actions.
import { z } from 'zod';
import { MessageDetail, MessageSummary } from '../model.ts';
import { PurgeProgress, RetentionRules } from '../retention.ts';
import { isValidTopicFilter } from '../sources/fields.ts';
import { parseValuePath } from '../rules/parse.ts';
import { Empty, MessageId } from './common.ts';

/** What `has` can ask for: messages with an attachment, or with action buttons. */
export const MessageFeature = z.enum(['attachment', 'actions']);
export type MessageFeature = z.infer<typeof MessageFeature>;

/** The list's search and filters (what "mark all read" for the current filter takes too). */
export const InboxFilters = z
  .object({
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
    has: MessageFeature.optional(),
  })
  .strict();

const Ids = z.object({ ids: z.array(MessageId).min(1).max(1000) }).strict();

export const inboxCommands = {
  'inbox.list': {
    request: InboxFilters.extend({
      /** Keyset cursor: return messages with an id below this one (newest first). */
      before: MessageId.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    response: z.object({
      items: z.array(MessageSummary),
      nextBefore: z.number().int().nullable(),
      /** On the first page: the pinned messages that match, newest first, shown above the others. */
      pinned: z.array(MessageSummary).optional(),
      /** A short note on how a search was done (e.g. short words looked for in recent messages only). */
      notice: z.string().optional(),
    }),
  },
  'inbox.get': { request: z.object({ id: MessageId }).strict(), response: MessageDetail.nullable() },
  'inbox.markRead': { request: Ids, response: z.object({ unread: z.number().int() }) },
  'inbox.markUnread': { request: Ids, response: z.object({ unread: z.number().int() }) },
  /**
   * Without filters: every message so far becomes read at once (a read watermark). With filters: the unread
   * messages that match, walked in bounded steps so ingest and other commands go on meanwhile.
   */
  'inbox.markAllRead': {
    request: z.object({ filters: InboxFilters.optional() }).strict(),
    /** `marked`: how many messages became read. */
    response: z.object({ unread: z.number().int(), marked: z.number().int().optional() }),
  },
  'inbox.pin': {
    request: Ids.extend({ pinned: z.boolean() }).strict(),
    response: z.object({ ids: z.array(z.number().int()) }),
  },
  'inbox.delete': {
    request: Ids,
    response: z.object({ deleted: z.array(z.number().int()), unread: z.number().int(), total: z.number().int() }),
  },
  /** Unread and total per source and topic, for the sidebar's tree (kept as messages change, never counted). */
  'inbox.topics': {
    request: Empty,
    response: z.object({
      topics: z.array(
        z.object({ sourceId: z.string(), topic: z.string(), total: z.number().int(), unread: z.number().int() }),
      ),
    }),
  },
  /**
   * Recent numeric values of one source's topic, for the detail view's chart: the newest `limit` messages (below
   * `before`), newest first, each read as a number (the whole payload, or the JSON value at `path`; true/false as
   * 1/0, text that is a number as that number). Messages without one are left out. Walks the topic index only.
   */
  'inbox.values': {
    request: z
      .object({
        sourceId: z.string().min(1),
        topic: z.string().min(1).max(65535),
        /** `$.sensor.temp` (the path syntax of rule conditions); `$` or none: the whole payload. */
        path: z
          .string()
          .max(1024)
          .refine((path) => parseValuePath(path) !== null, 'path must be a JSON path such as $.sensor.temp')
          .optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        before: MessageId.optional(),
      })
      .strict(),
    response: z.object({
      points: z.array(z.object({ id: z.number().int(), receivedAt: z.number().int(), value: z.number() })),
      /** Whether any of those messages had a number. */
      numeric: z.boolean(),
    }),
  },
  'inbox.getRetention': {
    request: Empty,
    response: z.object({ rules: RetentionRules, purge: PurgeProgress.nullable() }),
  },
  /**
   * Replaces the retention rules and starts a purge. A rule that would delete every message it applies to is
   * refused unless `confirm` is true; the refusal says how many messages it would delete.
   */
  'inbox.setRetention': {
    request: z.object({ rules: RetentionRules, confirm: z.boolean().optional() }).strict(),
    response: z.object({ rules: RetentionRules }),
  },
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
