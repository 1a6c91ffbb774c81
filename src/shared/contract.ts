// The one contract between the renderer and main. Electron IPC and the WebSocket bridge both carry exactly
// these commands and events; each side validates what it receives against these schemas.
import { z } from 'zod';
import { AppState, MessageDetail, MessageSummary, NotificationRequest, SourceView } from './model.ts';
import { RuleAction, RulesDocument } from './rules/schema.ts';
import { SourceInput, SourceUpdate } from './sources.ts';
import { errorMessage } from './error-message.ts';
import { isValidTopicFilter } from './sources/fields.ts';

const Empty = z.object({}).strict();
const MessageId = z.number().int().positive();

const RuleProblemSchema = z.object({
  index: z.number().int().nullable(),
  name: z.string().optional(),
  field: z.string(),
  reason: z.string(),
});
/** The rules in force after a change, or why the change was refused (and nothing was saved). */
const RulesReply = z.object({ document: RulesDocument, problems: z.array(RuleProblemSchema) });

export const commands = {
  'app.getState': { request: Empty, response: AppState },
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
  'sources.list': { request: Empty, response: z.array(SourceView) },
  'sources.add': { request: SourceInput, response: SourceView },
  'sources.update': { request: SourceUpdate, response: SourceView },
  'sources.remove': { request: z.object({ id: z.string().min(1) }).strict(), response: z.object({}) },
  /** Reconnect now and catch up: one source, or all (the same path as the OS waking up). */
  'sources.reconnect': { request: z.object({ id: z.string().min(1).optional() }).strict(), response: z.object({}) },
  'notifications.setPaused': {
    request: z
      .object({
        paused: z.boolean(),
        /** Pause for this long only; without it a pause lasts until it is turned off. */
        minutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60)
          .optional(),
      })
      .strict(),
    response: z.object({ paused: z.boolean(), pausedUntil: z.number().int().optional() }),
  },
  /** The rules in force, and how many messages each dropping rule has dropped. */
  'rules.get': {
    request: Empty,
    response: z.object({ document: RulesDocument, dropped: z.record(z.string(), z.number().int()) }),
  },
  /**
   * Replaces the whole rules document. One that does not validate is refused as a whole: the reply lists each
   * problem (rule index, field, reason) and the rules in force stay as they were.
   */
  'rules.set': { request: z.object({ document: z.unknown() }).strict(), response: RulesReply },
  /** What one rule (inserted at `index`, default first) would have done to the most recent messages. */
  'rules.preview': {
    request: z
      .object({
        rule: z.unknown(),
        index: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).default(1000),
      })
      .strict(),
    response: z.object({
      problems: z.array(RuleProblemSchema),
      /** Messages looked at, and how many the rule itself would have decided, by action. */
      examined: z.number().int(),
      matched: z.record(RuleAction, z.number().int()),
      /** Up to 20 of the messages it would have decided, newest first. */
      examples: z.array(z.object({ id: z.number().int(), title: z.string(), topic: z.string(), action: RuleAction })),
    }),
  },
  /** "Mute this topic": a rule at the top that keeps a topic (of one source, or of all) silent. */
  'rules.mute': {
    request: z.object({ topic: z.string().min(1), sourceId: z.string().min(1).optional() }).strict(),
    response: RulesReply,
  },
  /** "Snooze 15 min / 1 h / 8 h / until tomorrow": a temporary silent rule for a topic or a whole source. */
  'rules.snooze': {
    request: z
      .object({
        topic: z.string().min(1).optional(),
        sourceId: z.string().min(1).optional(),
        until: z.iso.datetime({ offset: true }),
      })
      .strict()
      .refine((r) => r.topic !== undefined || r.sourceId !== undefined, 'give a topic, a source, or both'),
    response: RulesReply,
  },
} as const;

export const events = {
  /** New messages (batched, newest first, at most MAX_PUSHED_SUMMARIES) and/or read-state changes. */
  'inbox.changed': z.object({
    added: z.array(MessageSummary),
    /** How many messages arrived in this batch; more than added.length means the UI should refetch. */
    addedCount: z.number().int(),
    readIds: z.array(z.number().int()).optional(),
    /** Entries that no longer exist (deleted at the source, or replaced by a newer version). */
    removedIds: z.array(z.number().int()).optional(),
    allRead: z.boolean().optional(),
    unread: z.number().int(),
    total: z.number().int(),
  }),
  /** Sources, broker, pause state or warnings changed. */
  'app.state': AppState,
  /** The user clicked a notification for this message (or for a burst when id is absent). */
  'ui.openMessage': z.object({ id: z.number().int().optional() }),
  /** A notification to show. Browser mode turns it into a Web Notification; Electron shows it natively. */
  notify: NotificationRequest,
} as const;

export const MAX_PUSHED_SUMMARIES = 200;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<C extends CommandName> = z.input<Commands[C]['request']>;
export type ParsedRequest<C extends CommandName> = z.output<Commands[C]['request']>;
export type CommandResponse<C extends CommandName> = z.output<Commands[C]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export type ErrorCode = 'unknown_command' | 'invalid_request' | 'not_found' | 'conflict' | 'internal';
export interface ContractError {
  code: ErrorCode;
  message: string;
}
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: ContractError };

/** Thrown by handlers for failures the user should read (e.g. "source not found"). */
export class HeraldError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export type Handlers = {
  [C in CommandName]: (request: ParsedRequest<C>) => Promise<CommandResponse<C>> | CommandResponse<C>;
};

/** Formats zod issues as one readable line: "url: unsupported scheme "http"; topics: at least one topic is required". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      // A bad record key (e.g. a header name) carries the rule it broke one level down; say that rule.
      const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
      const message = inner ?? issue.message;
      return issue.path.length ? `${issue.path.join('.')}: ${message}` : message;
    })
    .join('; ');
}

/**
 * The boundary: every transport hands raw (untrusted) input here. Unknown channels and malformed payloads are
 * refused with a clear error, handler failures become error replies, nothing throws past this point.
 */
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Reply> {
  if (!isCommandName(channel)) {
    return { ok: false, error: { code: 'unknown_command', message: `unknown command "${String(channel)}"` } };
  }
  const parsed = commands[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid_request', message: `${channel}: ${describeIssues(parsed.error)}` },
    };
  }
  try {
    const handler = handlers[channel] as (request: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof HeraldError) return { ok: false, error: { code: err.code, message: err.message } };
    const message = errorMessage(err);
    return { ok: false, error: { code: 'internal', message: `${channel} failed: ${message}` } };
  }
}
