// The data that crosses the boundary between main and the renderer. Schemas are the source of truth:
// types are inferred from them so the runtime check and the compile-time type can never disagree.
import { z } from 'zod';

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
});
export type MessageSummary = z.infer<typeof MessageSummary>;

/** One message in full, for the detail view. `body` is plain text, pretty JSON or hex; never HTML. */
export const MessageDetail = MessageSummary.extend({
  body: z.string(),
  /** Bytes of the payload that were kept (less than `size` when truncated). */
  keptBytes: z.number().int(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type MessageDetail = z.infer<typeof MessageDetail>;

export const Qos = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type Qos = z.infer<typeof Qos>;

export const TopicSubscription = z.object({
  filter: z
    .string()
    .min(1, 'topic filter is empty')
    .max(1024)
    .refine(isValidTopicFilter, 'topic filter is invalid: # must be last and alone in its level, + alone in its level'),
  qos: Qos,
});
export type TopicSubscription = z.infer<typeof TopicSubscription>;

export const MQTT_URL_PROTOCOLS = ['mqtt:', 'mqtts:', 'ws:', 'wss:'] as const;

/** Why a broker URL is unusable, or null when it is fine. Shared so the UI and main give the same reason. */
export function brokerUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a URL; expected something like mqtt://broker.example:1883`;
  }
  if (!(MQTT_URL_PROTOCOLS as readonly string[]).includes(url.protocol)) {
    return `unsupported scheme "${url.protocol.replace(/:$/, '')}"; use mqtt, mqtts, ws or wss`;
  }
  if (!url.hostname) return 'the URL has no host name';
  if (url.port && (Number(url.port) < 1 || Number(url.port) > 65535)) return `port ${url.port} is out of range`;
  if (url.username || url.password) return 'put the user name and password in their own fields, not in the URL';
  return null;
}

export function isValidTopicFilter(filter: string): boolean {
  const levels = filter.split('/');
  return levels.every((level, i) => {
    if (level.includes('#')) return level === '#' && i === levels.length - 1;
    if (level.includes('+')) return level === '+';
    return true;
  });
}

export const SourceState = z.enum(['connecting', 'connected', 'reconnecting', 'error', 'disabled']);
export type SourceState = z.infer<typeof SourceState>;

export const SourceStatus = z.object({
  state: SourceState,
  /** Human-readable cause of the last failure, e.g. "connect ECONNREFUSED 127.0.0.1:1884". */
  error: z.string().optional(),
  since: z.number(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

/** What the user edits for an MQTT source. The password is write-only: it never travels back to the UI. */
export const SourceInput = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
  url: z.string().trim().superRefine((url, ctx) => {
    const problem = brokerUrlProblem(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  username: z.string().max(256).optional(),
  /** undefined keeps the stored password, '' removes it. */
  password: z.string().max(1024).optional(),
  clientId: z.string().max(128).optional(),
  topics: z.array(TopicSubscription).min(1, 'at least one topic is required').max(100),
  enabled: z.boolean().default(true),
});
export type SourceInput = z.input<typeof SourceInput>;

export const SourceView = z.object({
  id: z.string(),
  kind: z.literal('mqtt'),
  name: z.string(),
  url: z.string(),
  username: z.string().optional(),
  hasPassword: z.boolean(),
  clientId: z.string().optional(),
  topics: z.array(TopicSubscription),
  enabled: z.boolean(),
  /** True for the default source that follows the embedded broker wherever it listens. */
  embedded: z.boolean(),
  /** Sources given on the command line for one run; they cannot be edited or saved. */
  ephemeral: z.boolean(),
  status: SourceStatus,
});
export type SourceView = z.infer<typeof SourceView>;

export const BrokerInfo = z.object({
  enabled: z.boolean(),
  running: z.boolean(),
  host: z.string(),
  port: z.number().int().nullable(),
  lan: z.boolean(),
  error: z.string().optional(),
});
export type BrokerInfo = z.infer<typeof BrokerInfo>;

export const AppState = z.object({
  unread: z.number().int(),
  total: z.number().int(),
  paused: z.boolean(),
  broker: BrokerInfo,
  sources: z.array(SourceView),
  /** Problems found at start-up (e.g. a corrupt settings file that was set aside). */
  warnings: z.array(z.string()),
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
});
export type NotificationRequest = z.infer<typeof NotificationRequest>;
