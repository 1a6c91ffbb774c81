// Commands of the Broker page: the embedded broker's state (listeners with the addresses to copy, connected
// clients, message counters, refused connections), its settings, users (Mosquitto password file), ACL file and
// retained messages.
import { z } from 'zod';
import { BridgeSettings } from '../bridge.ts';
import { ConnectionTestResult } from '../connection-test.ts';
import { BrokerInfo } from '../model.ts';
import { Empty } from './common.ts';

export const BrokerListener = z.object({
  kind: z.enum(['mqtt', 'ws']),
  port: z.number().int(),
  /** mqtt://ADDR:PORT (mqtts with TLS) or ws://ADDR:PORT/PATH (wss): this computer and each LAN address. */
  urls: z.array(z.string()),
});
export type BrokerListener = z.infer<typeof BrokerListener>;

export const BrokerClient = z.object({
  id: z.string(),
  address: z.string(),
  /** When it connected (ms since the epoch). */
  since: z.number(),
  subscriptions: z.array(z.string()),
  /** QoS 1/2 messages waiting for it. */
  queued: z.number().int(),
});
export type BrokerClient = z.infer<typeof BrokerClient>;

/** What the Broker page can change; the rest (files, TLS, limits) stays in the settings file. */
export const BrokerConfig = z.object({
  enabled: z.boolean(),
  port: z.number().int().min(1).max(65535),
  /** 127.0.0.1 (this computer), 0.0.0.0 (all interfaces) or one address. */
  host: z.string().trim().min(1),
  /** Anonymous clients from this computer. */
  anonymous: z.boolean(),
  /** MQTT over WebSocket; null: off. */
  wsPort: z.number().int().min(1).max(65535).nullable(),
  wsPath: z.string().regex(/^\//, 'the WebSocket path starts with "/"'),
});
export type BrokerConfig = z.infer<typeof BrokerConfig>;

/** The bridge as the Broker page edits it: its settings and whether a password is stored (never the password). */
export const BridgeView = BridgeSettings.extend({ hasPassword: z.boolean() });
export type BridgeView = z.infer<typeof BridgeView>;

/** A new password, null to forget the stored one, or absent to keep it. */
export const BridgeUpdate = BridgeSettings.extend({ password: z.string().min(1).max(1024).nullable().optional() });
export type BridgeUpdate = z.input<typeof BridgeUpdate>;

export const BrokerStatus = z.object({
  info: BrokerInfo,
  config: BrokerConfig,
  bridge: BridgeView,
  listeners: z.array(BrokerListener),
  clients: z.array(BrokerClient),
  /** Counters since the broker started; two samples make a rate. */
  messages: z.object({ in: z.number().int(), out: z.number().int() }),
  /** When this was measured (ms since the epoch). */
  at: z.number(),
  /** The last refused or dropped connections, oldest first. */
  refused: z.array(z.object({ at: z.number(), address: z.string(), reason: z.string() })),
});
export type BrokerStatus = z.infer<typeof BrokerStatus>;

export const AclProblem = z.object({ line: z.number().int(), message: z.string() });
export type AclProblem = z.infer<typeof AclProblem>;

export const RetainedTopic = z.object({ topic: z.string(), size: z.number().int(), preview: z.string() });
export type RetainedTopic = z.infer<typeof RetainedTopic>;

const UserName = z
  .string()
  .min(1)
  .refine((name) => !name.includes(':') && !/[\r\n]/.test(name), 'a user name cannot contain ":" or line breaks');

export const brokerCommands = {
  'broker.status': { request: Empty, response: BrokerStatus },
  /** Saves the settings and restarts the broker; a LAN address without authentication is refused, saving nothing. */
  'broker.configure': { request: BrokerConfig.partial().strict(), response: BrokerStatus },
  /** The users of the password file (never Herald's own internal user). */
  'broker.users.list': {
    request: Empty,
    response: z.object({ file: z.string(), users: z.array(z.object({ username: z.string() })) }),
  },
  'broker.users.set': {
    request: z.object({ username: UserName, password: z.string().min(1) }).strict(),
    response: Empty,
  },
  'broker.users.remove': { request: z.object({ username: UserName }).strict(), response: Empty },
  'broker.acl.get': { request: Empty, response: z.object({ file: z.string(), text: z.string() }) },
  /** Saves the ACL file when every line is valid; otherwise returns the problems per line and saves nothing. */
  'broker.acl.set': {
    request: z.object({ text: z.string().max(1024 * 1024) }).strict(),
    response: z.object({ saved: z.boolean(), problems: z.array(AclProblem) }),
  },
  'broker.retained.list': {
    request: z
      .object({ prefix: z.string().default(''), limit: z.number().int().min(1).max(1000).default(200) })
      .strict(),
    response: z.object({ topics: z.array(RetainedTopic), truncated: z.boolean() }),
  },
  'broker.retained.delete': { request: z.object({ topic: z.string().min(1) }).strict(), response: Empty },
  /** Saves the bridge to an upstream broker (its password as a secret) and restarts the broker with it. */
  'broker.bridge.set': { request: BridgeUpdate.strict(), response: BrokerStatus },
  /**
   * "Test connection" on the bridge as the form has it (the stored password unless the form gives one): DNS, TCP,
   * TLS, authentication and the subscriptions upstream, each timed, the failing one explained. Saves nothing.
   */
  'broker.bridge.test': { request: BridgeUpdate.strict(), response: ConnectionTestResult },
} as const;
