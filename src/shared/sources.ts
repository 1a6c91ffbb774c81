// Every kind of source Herald can listen to, as the user configures it. One schema per kind; the settings
// file, the contract and the command line all use these. Secrets (passwords, tokens, private keys) are
// write-only fields of the input: they go to the secret store and never travel back.
import { z } from 'zod';

export const SOURCE_KINDS = ['mqtt', 'websocket', 'sse', 'ntfy', 'gotify'] as const;
export const SourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKind>;

export const Qos = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type Qos = z.infer<typeof Qos>;

export function isValidTopicFilter(filter: string): boolean {
  const levels = filter.split('/');
  return levels.every((level, i) => {
    if (level.includes('#')) return level === '#' && i === levels.length - 1;
    if (level.includes('+')) return level === '+';
    return true;
  });
}

export const TopicSubscription = z.object({
  filter: z
    .string()
    .min(1, 'topic filter is empty')
    .max(1024)
    .refine(isValidTopicFilter, 'topic filter is invalid: # must be last and alone in its level, + alone in its level'),
  qos: Qos,
});
export type TopicSubscription = z.infer<typeof TopicSubscription>;

const URL_SCHEMES: Record<SourceKind, readonly string[]> = {
  mqtt: ['mqtt', 'mqtts', 'ws', 'wss'],
  websocket: ['ws', 'wss'],
  sse: ['http', 'https'],
  ntfy: ['http', 'https'],
  gotify: ['http', 'https'],
};
const URL_EXAMPLES: Record<SourceKind, string> = {
  mqtt: 'mqtt://broker.example:1883',
  websocket: 'wss://push.example/websocket/user-1',
  sse: 'https://push.example/events',
  ntfy: 'https://ntfy.sh',
  gotify: 'https://gotify.example',
};

/** Why a source URL is unusable for this kind, or null when it is fine. The UI and main give the same reason. */
export function sourceUrlProblem(raw: string, kind: SourceKind = 'mqtt'): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a URL; expected something like ${URL_EXAMPLES[kind]}`;
  }
  const scheme = url.protocol.replace(/:$/, '');
  const allowed = URL_SCHEMES[kind];
  if (!allowed.includes(scheme)) {
    return `unsupported scheme "${scheme}"; use ${allowed.slice(0, -1).join(', ')}${allowed.length > 1 ? ' or ' : ''}${allowed.at(-1)}`;
  }
  if (!url.hostname) return 'the URL has no host name';
  if (url.username || url.password) return 'put the user name and password in their own fields, not in the URL';
  return null;
}

/** @deprecated name kept for MQTT-only callers. */
export const brokerUrlProblem = (raw: string) => sourceUrlProblem(raw, 'mqtt');

const urlFor = (kind: SourceKind) =>
  z.string().trim().superRefine((url, ctx) => {
    const problem = sourceUrlProblem(url, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Where in a JSON frame to find each field, as dotted paths (`data.title`, `items.0.text`). */
export const FieldMapping = z.object({
  title: z.string().max(200).optional(),
  body: z.string().max(200).optional(),
  priority: z.string().max(200).optional(),
  id: z.string().max(200).optional(),
  url: z.string().max(200).optional(),
  time: z.string().max(200).optional(),
});
export type FieldMapping = z.infer<typeof FieldMapping>;

const Headers = z.record(
  z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name may contain letters, digits and -'),
  z.string().max(8192),
);

export const MqttTls = z.object({
  /** CA certificate(s): PEM text, or a path to a PEM file. */
  ca: z.string().max(256 * 1024).optional(),
  /** Client certificate: PEM text or a path (its private key is the secret `tlsKey`). */
  cert: z.string().max(256 * 1024).optional(),
  servername: z.string().max(255).optional(),
  /** Accept a server certificate that does not verify. Dangerous; the UI warns. */
  allowUntrusted: z.boolean().default(false),
});

const common = {
  name: z.string().trim().min(1, 'name is required').max(100),
  enabled: z.boolean().default(true),
};

/** Non-secret settings of each kind (what is saved and shown back). */
export const MqttSettings = z.object({
  kind: z.literal('mqtt'),
  ...common,
  url: urlFor('mqtt'),
  username: z.string().max(256).optional(),
  clientId: z.string().max(128).optional(),
  topics: z.array(TopicSubscription).min(1, 'at least one topic is required').max(100),
  /** 4 = MQTT 3.1.1, 5 = MQTT 5. */
  protocolVersion: z.union([z.literal(4), z.literal(5)]).default(4),
  keepalive: z.number().int().min(5).max(3600).default(30),
  /** false keeps a session on the broker: QoS 1/2 messages sent while Herald was off arrive later. */
  clean: z.boolean().default(true),
  /** MQTT 5 session expiry in seconds when clean is false (0 = the default, one day). */
  sessionExpiry: z.number().int().min(0).max(4_294_967_295).default(0),
  tls: MqttTls.optional(),
});
export const WebSocketSettings = z.object({
  kind: z.literal('websocket'),
  ...common,
  url: urlFor('websocket'),
  headers: Headers.default({}),
  /** Sent once after every (re)connect, e.g. a subscribe frame. */
  openMessage: z.string().max(64 * 1024).optional(),
  format: z.enum(['json', 'text']).default('json'),
  mapping: FieldMapping.default({}),
});
export const SseSettings = z.object({
  kind: z.literal('sse'),
  ...common,
  url: urlFor('sse'),
  headers: Headers.default({}),
  format: z.enum(['json', 'text']).default('json'),
  mapping: FieldMapping.default({}),
});
export const NtfySettings = z.object({
  kind: z.literal('ntfy'),
  ...common,
  /** The server, e.g. https://ntfy.sh; topics are listed separately. */
  url: urlFor('ntfy'),
  topics: z
    .array(z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, 'an ntfy topic is 1-64 letters, digits, - or _'))
    .min(1, 'at least one topic is required')
    .max(30),
  /** With a username the password is sent as Basic auth; without, a token as Bearer. */
  username: z.string().max(256).optional(),
});
export const GotifySettings = z.object({
  kind: z.literal('gotify'),
  ...common,
  url: urlFor('gotify'),
});

/** Write-only secrets; undefined keeps what is stored, '' removes it. */
const secrets = {
  password: z.string().max(1024).optional(),
  token: z.string().max(8192).optional(),
  tlsKey: z.string().max(256 * 1024).optional(),
};

export const SourceSettings = z.discriminatedUnion('kind', [
  MqttSettings,
  WebSocketSettings,
  SseSettings,
  NtfySettings,
  GotifySettings,
]);
export type SourceSettings = z.infer<typeof SourceSettings>;
export type SourceSettingsOf<K extends SourceKind> = Extract<SourceSettings, { kind: K }>;

/** What the user submits for a source: its kind's settings plus write-only secrets. */
export const SourceInput = z.discriminatedUnion('kind', [
  MqttSettings.extend(secrets).strict(),
  WebSocketSettings.extend(secrets).strict(),
  SseSettings.extend(secrets).strict(),
  NtfySettings.extend(secrets).strict(),
  GotifySettings.extend(secrets).strict(),
]);
export type SourceInput = z.input<typeof SourceInput>;
export type ParsedSourceInput = z.output<typeof SourceInput>;

const withId = { ...secrets, id: z.string().min(1) };
/** An edit of a saved source: the same fields plus its id. */
export const SourceUpdate = z.discriminatedUnion('kind', [
  MqttSettings.extend(withId).strict(),
  WebSocketSettings.extend(withId).strict(),
  SseSettings.extend(withId).strict(),
  NtfySettings.extend(withId).strict(),
  GotifySettings.extend(withId).strict(),
]);
export type SourceUpdate = z.input<typeof SourceUpdate>;

export const SECRET_FIELDS = ['password', 'token', 'tlsKey'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];
