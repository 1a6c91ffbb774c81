// The one contract between the renderer and main. Electron IPC and the WebSocket bridge both carry exactly
// these commands and events; each side validates what it receives against these schemas. Each feature keeps
// its commands in src/shared/commands/<feature>.ts; this file joins them into the one map.
import { z } from 'zod';
import { AppState, MessageSummary, NotificationRequest } from './model.ts';
import { errorMessage } from './error-message.ts';
import { adminCommands } from './commands/admin.ts';
import { brokerCommands } from './commands/broker.ts';
import { Empty } from './commands/common.ts';
import { deviceCommands, DevicesChanged } from './commands/devices.ts';
import { favouriteCommands, FavouritesChanged } from './commands/favourites.ts';
import { inboxCommands } from './commands/inbox.ts';
import { notificationCommands } from './commands/notifications.ts';
import { publishCommands } from './commands/publish.ts';
import { ruleCommands } from './commands/rules.ts';
import { sourceCommands } from './commands/sources.ts';
import { settingsCommands } from './commands/settings.ts';
import { diagnosticsCommands } from './commands/diagnostics.ts';
import { updatesCommands, UpdatesView } from './commands/updates.ts';

export const commands = {
  'app.getState': { request: Empty, response: AppState },
  ...inboxCommands,
  ...sourceCommands,
  ...notificationCommands,
  ...ruleCommands,
  ...publishCommands,
  ...adminCommands,
  ...deviceCommands,
  ...brokerCommands,
  ...settingsCommands,
  ...diagnosticsCommands,
  ...favouriteCommands,
  ...updatesCommands,
} as const;

export const events = {
  /** New messages (batched, newest first, at most MAX_PUSHED_SUMMARIES) and/or read-state changes. */
  'inbox.changed': z.object({
    added: z.array(MessageSummary),
    /** How many messages arrived in this batch; more than added.length means the UI should refetch. */
    addedCount: z.number().int(),
    readIds: z.array(z.number().int()).optional(),
    /** Messages marked unread again. */
    unreadIds: z.array(z.number().int()).optional(),
    /** Entries that no longer exist (deleted at the source, or replaced by a newer version). */
    removedIds: z.array(z.number().int()).optional(),
    allRead: z.boolean().optional(),
    unread: z.number().int(),
    total: z.number().int(),
  }),
  /** Discovered devices that changed (entities, state, availability) or are gone. */
  'devices.changed': DevicesChanged,
  /** Favourites were pinned or unpinned. */
  'favourites.changed': FavouritesChanged,
  /** An update check started or ended, or its settings changed. */
  'updates.changed': UpdatesView,
  /** The desktop app's global shortcut asks the window to open the quick palette. */
  'ui.openPalette': z.object({}),
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
