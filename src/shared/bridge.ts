// The embedded broker's bridge to an upstream broker: which topic filters go which way, and how it is doing.
// One definition for the settings, the Broker page's command and the state the UI shows. The topic mapping
// follows Mosquitto's bridge `topic` lines: the filter is taken under a local and a remote prefix, so
// `sensors/#` with remote prefix `home/` forwards local `sensors/t` as `home/sensors/t` and back.
import { z } from 'zod';
import { sourceUrlProblem } from './sources.ts';
import { Qos, TopicSubscription } from './sources/fields.ts';
import { MqttTls } from './sources/mqtt.ts';

export const BRIDGE_DIRECTIONS = ['in', 'out', 'both'] as const;
export type BridgeDirection = (typeof BRIDGE_DIRECTIONS)[number];

const TopicPrefix = z
  .string()
  .max(256)
  .refine((prefix) => !/[+#]/.test(prefix), 'a prefix cannot contain + or #')
  .refine((prefix) => prefix === '' || prefix.endsWith('/'), 'a prefix ends with "/" (e.g. home/)');

export const BridgeTopic = z.object({
  filter: TopicSubscription.shape.filter,
  /** in: upstream to this broker; out: this broker to upstream; both. */
  direction: z.enum(BRIDGE_DIRECTIONS).default('both'),
  /** The highest QoS forwarded (a message keeps its own QoS when lower). */
  qos: Qos.default(1),
  /** Put before the filter on this broker's side and on the upstream side. */
  localPrefix: TopicPrefix.default(''),
  remotePrefix: TopicPrefix.default(''),
});
export type BridgeTopic = z.infer<typeof BridgeTopic>;

/** The bridge as saved (its password is a secret, kept apart). */
export const BridgeSettings = z.object({
  enabled: z.boolean().default(false),
  /** mqtt://, mqtts://, ws:// or wss:// URL of the upstream broker. */
  url: z
    .string()
    .trim()
    .default('')
    .superRefine((url, ctx) => {
      const problem = url === '' ? null : sourceUrlProblem(url, 'mqtt');
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  username: z.string().max(256).optional(),
  /** Fixed so the upstream broker keeps the bridge's session (and what waits for it) across restarts. */
  clientId: z.string().max(128).optional(),
  protocolVersion: z.union([z.literal(4), z.literal(5)]).default(4),
  /** For mqtts:// and wss://: the CA that signed upstream's certificate (PEM text or a file), its name, or none. */
  tls: MqttTls.pick({ ca: true, servername: true, allowUntrusted: true }).optional(),
  topics: z.array(BridgeTopic).max(100).default([]),
});
export type BridgeSettings = z.infer<typeof BridgeSettings>;

/** Why these bridge settings cannot run, or null. */
export function bridgeProblem(settings: BridgeSettings): string | null {
  if (!settings.enabled) return null;
  if (settings.url === '') return 'the bridge needs the URL of the upstream broker';
  if (settings.topics.length === 0) return 'the bridge needs at least one topic filter to forward';
  return null;
}

export const BridgeStatus = z.object({
  state: z.enum(['connecting', 'connected', 'offline']),
  /** The upstream URL, without credentials. */
  url: z.string(),
  /** Why it is not connected (the last failure), in plain words. */
  error: z.string().optional(),
  /** When it last connected (ms since the epoch). */
  since: z.number().optional(),
  /** Messages forwarded from upstream to this broker, and from this broker to upstream, since it started. */
  in: z.number().int(),
  out: z.number().int(),
  /** Messages for upstream not sent because too many were waiting (upstream unreachable or slow). */
  dropped: z.number().int(),
  /** Messages for upstream waiting to be sent or acknowledged. */
  queued: z.number().int(),
});
export type BridgeStatus = z.infer<typeof BridgeStatus>;
