// The data that crosses the boundary between main and the renderer. Schemas are the source of truth:
// types are inferred from them so the runtime check and the compile-time type can never disagree.
import { z } from 'zod';
import { RuleAction } from './rules/schema.ts';
import { PurgeProgress } from './retention.ts';
import { everyKindWith, secretFlagFields } from './sources.ts';
import { PolicyView } from './policy.ts';
import { LOCALES } from './locale.ts';
import { BridgeStatus } from './bridge.ts';

export const BodyKind = z.enum(['text', 'json', 'binary']);
export type BodyKind = z.infer<typeof BodyKind>;

/** One inbox row as the list shows it: small, so thousands can be pushed and paged cheaply. */
export const MessageSummary = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  sourceName: z.string(),
  topic: z.string(),
  title: z.string(),
  /** First ~200 characters of the body as plain text (hex for binary). */
  preview: z.string(),
  /** 1 (min) .. 5 (max); 3 is normal. */
  priority: z.number().int().min(1).max(5),
  /** Milliseconds since the epoch. */
  receivedAt: z.number(),
  read: z.boolean(),
  bodyKind: BodyKind,
  /** True when the payload was larger than the configured cap and only its head was kept. */
  truncated: z.boolean(),
  /** Size of the original payload in bytes. */
  size: z.number().int(),
  /** Whether an OS notification was shown for it (the rules' decision). */
  notified: z.boolean(),
  /** The rule that decided what happened to it; null when none matched and the default applied. */
  rule: z.string().nullable(),
  /** Pinned messages stay on top of the list and are never purged by retention. */
  pinned: z.boolean().optional(),
});
export type MessageSummary = z.infer<typeof MessageSummary>;

/** A button a push server attached to a message (ntfy actions). */
export const MessageAction = z.object({
  action: z.enum(['view', 'http', 'broadcast', 'copy']),
  label: z.string(),
  url: z.string().optional(),
  method: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  value: z.string().optional(),
  /** Dismiss (mark read) after the action ran. */
  clear: z.boolean().optional(),
});
export type MessageAction = z.infer<typeof MessageAction>;

/** What push servers add to a message beyond title, body and priority. */
export const MessageExtras = z.object({
  /** Opened when the notification or the message is clicked (http(s) only are opened). */
  clickUrl: z.string().optional(),
  tags: z.array(z.string()).optional(),
  actions: z.array(MessageAction).optional(),
  attachment: z
    .object({
      name: z.string(),
      url: z.string(),
      type: z.string().optional(),
      size: z.number().optional(),
      expires: z.number().optional(),
    })
    .optional(),
  icon: z.string().optional(),
  /** text/markdown bodies are shown as their source text, never rendered as HTML. */
  contentType: z.string().optional(),
  /** When the server says the message was sent (ms since the epoch). */
  sentAt: z.number().optional(),
  /** The server's own id for the message. */
  serverId: z.string().optional(),
});
export type MessageExtras = z.infer<typeof MessageExtras>;

/** One message in full, for the detail view. `body` is plain text, pretty JSON or hex; never HTML. */
export const MessageDetail = MessageSummary.extend({
  extras: MessageExtras.optional(),
  body: z.string(),
  /** Bytes of the payload that were kept (less than `size` when truncated). */
  keptBytes: z.number().int(),
  properties: z.record(z.string(), z.unknown()).optional(),
  /** What the deciding rule (or the default) did, and why: "muted by rule 'night' (quiet hours)". */
  decision: z.object({ action: RuleAction, reason: z.string().nullable() }),
});
export type MessageDetail = z.infer<typeof MessageDetail>;

export {
  Qos,
  TopicSubscription,
  SourceInput,
  brokerUrlProblem,
  sourceUrlProblem,
  isValidTopicFilter,
} from './sources.ts';

export const SourceState = z.enum(['connecting', 'connected', 'reconnecting', 'error', 'disabled']);
export type SourceState = z.infer<typeof SourceState>;

export const SourceStatus = z.object({
  state: SourceState,
  /** Human-readable cause of the last failure, e.g. "connection refused by 127.0.0.1:1884". */
  error: z.string().optional(),
  since: z.number(),
  /** When the next connection attempt is due (ms since the epoch), while reconnecting. */
  retryAt: z.number().optional(),
  /** Messages this source could not keep (bounded queue full, frame too large, not decodable), this run. */
  dropped: z.number().int().optional(),
  /** Publishes waiting for this source to come back (sent in order when it does). */
  queued: z.number().int().optional(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

const viewFields = {
  id: z.string(),
  /** True for the default source that follows the embedded broker wherever it listens. */
  embedded: z.boolean(),
  /** Sources given on the command line for one run; they cannot be edited or saved. */
  ephemeral: z.boolean(),
  /** Set by the administrator's policy and locked: it cannot be edited or removed. */
  locked: z.boolean().optional(),
  /** Which write-only secrets are stored, as hasPassword, hasToken, hasTlsKey (their values never leave main). */
  ...secretFlagFields,
  status: SourceStatus,
  /** While a source drains what waited for it after connecting: how many messages it has brought so far. */
  catchingUp: z.number().int().optional(),
};

/** A source as the UI shows it: its settings, which secrets it has, and how it is doing. */
export const SourceView = everyKindWith(viewFields);
export type SourceView = z.infer<typeof SourceView>;

export const BrokerInfo = z.object({
  enabled: z.boolean(),
  running: z.boolean(),
  host: z.string(),
  port: z.number().int().nullable(),
  lan: z.boolean(),
  error: z.string().optional(),
  /** Why the broker refused to start as configured (e.g. opened to the LAN without authentication). */
  refusal: z.string().optional(),
  /** MQTT over WebSocket: its port and path, when that listener runs. */
  wsPort: z.number().int().nullable().optional(),
  wsPath: z.string().nullable().optional(),
  /** The TCP and WebSocket listeners speak TLS. */
  tls: z.boolean().optional(),
  /** SHA-256 fingerprint of the TLS certificate (AA:BB:...), to compare with what a client shows. */
  tlsFingerprint: z.string().nullable().optional(),
  /** Users must log in (a password file or the configured user); anonymous clients only from this computer. */
  auth: z.boolean().optional(),
  /** Problems found in the password or ACL file (skipped lines). */
  warnings: z.array(z.string()).optional(),
  /** The last refused or dropped connections (at most 100), oldest first. */
  refused: z.array(z.object({ at: z.number(), address: z.string(), reason: z.string() })).optional(),
  /** The bridge to an upstream broker, while it is on. */
  bridge: BridgeStatus.optional(),
});
export type BrokerInfo = z.infer<typeof BrokerInfo>;

export const AppState = z.object({
  unread: z.number().int(),
  total: z.number().int(),
  /** Notifications are paused (turned off, or for a while: see pausedUntil). */
  paused: z.boolean(),
  /** When a pause with a duration ends (ms since the epoch). */
  pausedUntil: z.number().int().optional(),
  broker: BrokerInfo,
  sources: z.array(SourceView),
  /** Problems found at start-up (e.g. a corrupt settings file that was set aside). */
  warnings: z.array(z.string()),
  /** While older messages are being indexed for search (after an upgrade): how far it is. */
  searchIndex: z.object({ indexed: z.number().int(), total: z.number().int() }).nullable().optional(),
  /** While retention deletes old messages in the background: how many so far. */
  purge: PurgeProgress.nullable().optional(),
  /** The administrator's policy in force, if any. */
  policy: PolicyView.nullable().optional(),
  /** The language of what the main process says itself (notifications, the tray). */
  locale: z.enum(LOCALES).optional(),
  /** A newer Herald the last update check found (tray item, banner); absent or null otherwise. */
  update: z.object({ version: z.string(), releaseUrl: z.string().optional() }).nullable().optional(),
});
export type AppState = z.infer<typeof AppState>;

export const NotificationRequest = z.object({
  title: z.string(),
  body: z.string(),
  priority: z.number().int().min(1).max(5),
  /** The message to open on click; absent for a burst summary (opens the inbox). */
  messageId: z.number().int().optional(),
  sourceId: z.string(),
  count: z.number().int(),
  /**
   * The rule that decided to notify, when one did. Low priority (1-2) is only shown when a rule asked for it;
   * without one it stays in the inbox.
   */
  rule: z.string().optional(),
});
export type NotificationRequest = z.infer<typeof NotificationRequest>;
