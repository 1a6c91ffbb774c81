// The embedded broker's bridge: an MQTT client to another broker (a cloud broker, the office's Mosquitto) that
// forwards chosen topic filters down into this broker, up from it, or both, like a Mosquitto bridge. It runs
// beside aedes in the broker's thread and talks to aedes directly (no loopback connection).
//
// Nothing is lost on the way down: a QoS 1/2 message from upstream is acknowledged only after this broker took it
// (stored if retained, queued for offline sessions). On the way up the bridge never holds back this broker's
// publishers: what waits for upstream is bounded (MAX_WAITING), and what does not fit is counted as dropped and
// shown. The session upstream is persistent (clean session 0 with a fixed client id), so what upstream has for
// the bridge waits there while Herald is off. Loops are cut both ways: what came down is never sent back up
// (it carries the bridge's origin), and what went up is not taken down again (MQTT 5: "no local"; 3.1.1: the
// echo guard).
import { hostname } from 'node:os';
import type { Readable } from 'node:stream';
import mqtt, { type IClientOptions, type IClientSubscribeOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type { Aedes, PublishPacket } from 'aedes';
import type { BridgeSettings, BridgeStatus } from '../../../../shared/bridge.ts';
import { errorMessage } from '../../../../shared/error-message.ts';
import { logger } from '../../logging/logger.ts';
import { describeConnack, describeDisconnect, describeMqttError } from '../../sources/mqtt/mqtt-errors.ts';
import { isSecureUrl, pem } from '../../sources/mqtt/mqtt-options.ts';
import { BridgeRoutes, type BridgeRoute } from './bridge-routes.ts';
import { EchoGuard } from './echo-guard.ts';

/** Marks messages the bridge brought down, so they are never sent back up. */
export const BRIDGE_ORIGIN = '$herald-bridge';
/** Messages for upstream that may wait (unacknowledged or not yet sent) before more are dropped. */
export const MAX_WAITING = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;
const KEEPALIVE_S = 60;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** After the upstream broker refused the credentials: they will not work sooner. */
const RETRY_REFUSED_MS = 60_000;
/** Counters are reported at most this often; a change of state at once. */
const REPORT_EVERY_MS = 1_000;
const CLOSE_WAIT_MS = 1_000;

export interface UpstreamBridgeOptions extends BridgeSettings {
  password?: string;
  /** MAX_WAITING unless given (tests use a small one). */
  maxWaiting?: number;
  /** Told of every change of state at once, and of counters at most once a second. */
  onChange?: (status: BridgeStatus) => void;
}

export interface UpstreamBridge {
  status(): BridgeStatus;
  close(): Promise<void>;
}

type Packet = PublishPacket & { clientId?: string };
interface RetainedStore {
  createRetainedStream(pattern: string): Readable;
}

const log = logger('bridge');

/**
 * TLS options for an mqtts:// or wss:// upstream: its CA (PEM text or file), server name and whether an
 * untrusted certificate is accepted. Throws MqttSettingsError, with the reason, for a CA it cannot read.
 */
export function bridgeTlsOptions(settings: BridgeSettings): Partial<IClientOptions> {
  if (!isSecureUrl(settings.url)) return {};
  const tls = settings.tls;
  // mqtt.js passes servername to TLS, but copies only ca/cert/key to a WebSocket: it is given there too.
  const options: Partial<IClientOptions> & { servername?: string; wsOptions?: Record<string, unknown> } = {
    rejectUnauthorized: !(tls?.allowUntrusted ?? false),
    ...(tls?.ca ? { ca: pem(tls.ca, 'CA certificate') } : {}),
    ...(tls?.servername ? { servername: tls.servername, wsOptions: { servername: tls.servername } } : {}),
  };
  return options;
}

export function startUpstreamBridge(broker: Aedes, options: UpstreamBridgeOptions): UpstreamBridge {
  const routes = new BridgeRoutes(options.topics);
  const mqtt5 = options.protocolVersion === 5;
  // MQTT 5 subscriptions say "no local" instead; an MQTT 3.1.1 broker sends a client's own messages back.
  const echo = mqtt5 ? null : new EchoGuard();
  const url = withoutCredentials(options.url);
  const clientId = options.clientId || `herald-bridge-${hostname()}`.slice(0, 23);
  const counters = { in: 0, out: 0, dropped: 0 };
  const maxWaiting = options.maxWaiting ?? MAX_WAITING;
  let state: BridgeStatus['state'] = 'connecting';
  let error: string | undefined;
  let since: number | undefined;
  let waiting = 0;
  let closed = false;
  let retryDelay = RETRY_FIRST_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let reportTimer: NodeJS.Timeout | undefined;

  const status = (): BridgeStatus => ({
    state,
    url,
    ...(error !== undefined ? { error } : {}),
    ...(since !== undefined ? { since } : {}),
    ...counters,
    queued: waiting,
  });
  const report = (now: boolean) => {
    if (closed || !options.onChange) return;
    if (now) {
      clearTimeout(reportTimer);
      reportTimer = undefined;
      options.onChange(status());
    } else {
      reportTimer ??= setTimeout(() => {
        reportTimer = undefined;
        if (!closed) options.onChange?.(status());
      }, REPORT_EVERY_MS).unref();
    }
  };

  const client: MqttClient = mqtt.connect(options.url, {
    clientId,
    clean: false,
    protocolVersion: options.protocolVersion,
    username: options.username || undefined,
    password: options.password || undefined,
    keepalive: KEEPALIVE_S,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // The bridge owns the retry timing (and slows down after a refusal) and subscribes after each CONNACK.
    reconnectPeriod: 0,
    resubscribe: false,
    queueQoSZero: false,
    ...(mqtt5 ? { properties: { sessionExpiryInterval: 86_400 } } : {}),
    ...bridgeTlsOptions(options),
    log: () => {},
  });

  // Down: taken by this broker before it is acknowledged upstream.
  client.handleMessage = (packet: IPublishPacket, done) => {
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const forward = routes.down(packet.topic);
    if (!forward || echo?.isEcho(packet.topic, payload)) return done();
    const local: Packet = {
      cmd: 'publish',
      topic: forward.topic,
      payload,
      qos: packet.qos,
      retain: packet.retain,
      dup: false,
      clientId: BRIDGE_ORIGIN,
    };
    broker.publish(local, (err?: Error) => {
      if (err) log.warn(`a message from upstream on ${packet.topic} was not taken: ${errorMessage(err)}`);
      else counters.in++;
      report(false);
      done();
    });
  };

  // Up: every message published on this broker that an outbound route covers.
  const subscriptions = routes.outbound.map((route) => {
    const handler = (packet: Packet, done: () => void) => {
      done();
      sendUp(route, packet);
    };
    broker.subscribe(route.localFilter, handler, () => {});
    return { route, handler };
  });

  function sendUp(route: BridgeRoute, packet: Packet): void {
    if (packet.clientId === BRIDGE_ORIGIN) return;
    const forward = routes.up(packet.topic);
    // Another route that comes first takes it (and forwards it once).
    if (!forward || forward.route !== route) return;
    const qos = Math.min(packet.qos, route.topic.qos) as 0 | 1 | 2;
    if (waiting >= maxWaiting || (qos === 0 && !client.connected)) {
      counters.dropped++;
      report(false);
      return;
    }
    waiting++;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    if (echo && routes.down(forward.topic)) echo.sentUp(forward.topic, payload);
    client.publish(forward.topic, payload, { qos, retain: packet.retain }, (err) => {
      waiting--;
      if (err) counters.dropped++;
      else counters.out++;
      report(false);
    });
  }

  client.on('connect', () => {
    state = 'connected';
    since = Date.now();
    error = undefined;
    retryDelay = RETRY_FIRST_MS;
    log.info(`bridge connected to ${url}`);
    report(true);
    subscribeUpstream();
    void pushRetained();
  });
  client.on('error', (err: Error & { code?: string | number }) => {
    if (typeof err.code === 'number') {
      const outcome = describeConnack(err.code, options.protocolVersion);
      error = outcome.reason;
      if (outcome.refused) retryDelay = RETRY_REFUSED_MS;
    } else {
      error = describeMqttError(err, options.url, CONNECT_TIMEOUT_MS, KEEPALIVE_S);
    }
  });
  client.on('disconnect', (packet) => {
    error = describeDisconnect(packet.reasonCode, clientId);
  });
  client.on('close', () => {
    if (closed) return;
    if (state === 'connected') log.warn(`bridge to ${url} lost${error ? `: ${error}` : ''}`);
    state = 'offline';
    error ??= `the connection to ${url} closed`;
    report(true);
    const delay = retryDelay;
    retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (closed) return;
      state = 'connecting';
      // Its own stores, not new ones (mqtt.js's default): what waits for upstream is sent after the CONNACK.
      client.reconnect({ incomingStore: client.incomingStore, outgoingStore: client.outgoingStore });
    }, delay);
  });

  function subscribeUpstream(): void {
    if (routes.inbound.length === 0) return;
    const filters: Record<string, IClientSubscribeOptions> = {};
    for (const route of routes.inbound) {
      filters[route.remoteFilter] = { qos: route.topic.qos, ...(mqtt5 ? { nl: true, rap: true } : {}) };
    }
    client.subscribe(filters, (err, granted) => {
      const refused = (granted ?? []).filter((grant) => grant.qos >= 0x80).map((grant) => grant.topic);
      if (err || refused.length > 0) {
        error = err ? errorMessage(err) : `the upstream broker refused the subscription to ${refused.join(', ')}`;
        log.warn(`bridge to ${url}: ${error}`);
        report(true);
      }
    });
  }

  /** An out-only route makes this broker the authority for its topics: upstream gets its retained messages. */
  async function pushRetained(): Promise<void> {
    const store = (broker as unknown as { persistence: RetainedStore }).persistence;
    for (const { route } of subscriptions) {
      if (route.topic.direction !== 'out') continue;
      try {
        for await (const packet of store.createRetainedStream(route.localFilter) as AsyncIterable<Packet>) {
          if (closed || !client.connected) return;
          sendUp(route, { ...packet, retain: true });
        }
      } catch (err) {
        log.warn(`bridge: the retained messages under ${route.localFilter} could not be read: ${errorMessage(err)}`);
      }
    }
  }

  return {
    status,
    close: async () => {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(reportTimer);
      for (const { route, handler } of subscriptions) broker.unsubscribe(route.localFilter, handler, () => {});
      // Gives what is in flight a moment to be acknowledged, then lets go.
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          client.stream?.destroy();
          resolve();
        }, CLOSE_WAIT_MS);
        client.end(false, {}, () => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}

/** The URL as shown and logged: no user name or password. */
export function withoutCredentials(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return raw;
  }
}
