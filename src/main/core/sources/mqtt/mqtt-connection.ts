// One attempt at an MQTT connection: a fresh mqtt.js client that connects, brings the session's subscriptions
// up to date, hands messages to the pipeline, and reports to the connection loop how it went (opened / lost /
// refused) with a reason a person can act on. mqtt.js never reconnects by itself; the loop dials again.
import mqtt, {
  type IClientOptions,
  type IConnackPacket,
  type IPublishPacket,
  type ISubscriptionGrant,
  type MqttClient,
} from 'mqtt';
import type { TopicSubscription } from '../../../../shared/sources.ts';
import { acknowledgeAfterCommit, type ReadPacing } from './ack-after-commit.ts';
import type { Attempt, AttemptEvents } from '../common/connection-loop.ts';
import {
  describeConnack,
  describeDisconnect,
  describeMqttError,
  describeRefusedSubscriptions,
  hostOf,
} from './mqtt-errors.ts';
import { createInflightStore } from './mqtt-inflight-store.ts';
import type { SessionSubscriptions } from './mqtt-subscriptions.ts';
import type { ExtraTopics, SourceContext, SourceSender } from '../common/source.ts';
import { followExtraTopics } from './mqtt-extra-topics.ts';
import { mqttSender } from './mqtt-publish.ts';

export interface MqttConnectionOptions {
  url: string;
  clientOptions: IClientOptions;
  protocolVersion: 4 | 5;
  keepalive: number;
  topics: readonly TopicSubscription[];
  /** For persistent sessions: what the broker's session already holds. null for clean sessions. */
  session: SessionSubscriptions | null;
  inflight: SourceContext['inflight'];
  /** Hands one message to the pipeline; resolves once it is committed. */
  commit: (packet: IPublishPacket) => Promise<unknown>;
  /** Some subscriptions were refused (a reason naming them), or all are fine again (undefined). */
  onSubscriptionProblem: (problem: string | undefined) => void;
  /** How long CONNACK, and then SUBACK, may take. */
  answerTimeoutMs: number;
  readPacing?: ReadPacing;
  /** Topics subscribed for the devices once the source's own are up (mqtt-extra-topics.ts). */
  extraTopics?: ExtraTopics;
}

/** How long closing waits for the broker to take DISCONNECT. */
const CLOSE_GRACE_MS = 2000;
/**
 * How long closing waits for the commits in flight (up to the reader's 1,000) so they are acknowledged: one
 * committed after the connection is gone is sent again by the broker and, without an id to recognise it, stored
 * twice. A bound for a stalled disk, not the usual wait (which is a few milliseconds).
 */
const SETTLE_GRACE_MS = 5000;

export function dialMqtt(options: MqttConnectionOptions, events: AttemptEvents): Attempt & { sender?: SourceSender } {
  let ended = false;
  let firstError: string | undefined;
  let answerTimer: NodeJS.Timeout | null = null;
  let client: MqttClient;

  const end = (report: () => void) => {
    if (ended) return;
    ended = true;
    if (answerTimer) clearTimeout(answerTimer);
    stopExtraTopics();
    report();
    client?.end(true);
  };
  const lose = (reason: string) => end(() => events.lost(reason));
  const refuse = (reason: string) => end(() => events.refused(reason));
  const describe = (err: Error) => describeMqttError(err, options.url, options.answerTimeoutMs, options.keepalive);
  const waitForAnswer = (what: string) => {
    if (answerTimer) clearTimeout(answerTimer);
    answerTimer = setTimeout(
      () => lose(`the broker did not ${what} within ${options.answerTimeoutMs / 1000} s`),
      options.answerTimeoutMs,
    );
  };

  const incomingStore = createInflightStore(options.inflight, (err) =>
    lose(`a QoS 2 message could not be kept: ${err.message}`),
  );
  try {
    client = mqtt.connect(options.url, { ...options.clientOptions, incomingStore });
  } catch (err) {
    refuse(`cannot connect to ${options.url}: ${(err as Error).message}`);
    return { close: () => {} };
  }
  const acks = acknowledgeAfterCommit(
    client,
    options.commit,
    (err) =>
      // Nothing was acknowledged for it; the next connection makes the broker send it again.
      lose(`a message could not be stored: ${err.message}`),
    options.readPacing,
  );
  let connected = false;
  let stopExtraTopics = () => {};
  const sender = mqttSender(client, options.protocolVersion, options.answerTimeoutMs, () => connected && !ended);

  client.on('error', (err: Error & { code?: string | number }) => {
    if (!connected && typeof err.code === 'number') {
      const outcome = describeConnack(err.code, options.protocolVersion);
      if (outcome.refused) refuse(outcome.reason);
      else lose(outcome.reason);
      return;
    }
    firstError ??= describe(err);
  });
  client.on('disconnect', (packet) => {
    firstError ??= describeDisconnect(packet.reasonCode, options.clientOptions.clientId);
  });
  client.on('close', () => lose(firstError ?? `the connection to ${hostOf(options.url)} was closed`));
  client.on('connect', (connack: IConnackPacket) => {
    connected = true;
    // Without this every QoS 1 round trip through a broker waits ~40 ms for delayed ACKs (Nagle).
    (client.stream as { setNoDelay?: (on: boolean) => void } | undefined)?.setNoDelay?.(true);
    void subscribe(connack.sessionPresent === true);
  });

  const subscribe = async (sessionPresent: boolean) => {
    const plan = options.session?.plan(options.topics, sessionPresent) ?? {
      subscribe: [...options.topics],
      unsubscribe: [],
    };
    waitForAnswer('confirm the subscriptions');
    try {
      if (plan.unsubscribe.length) await client.unsubscribeAsync(plan.unsubscribe);
      const refused = plan.subscribe.length ? await subscribeAll(client, plan.subscribe) : [];
      if (ended) return;
      if (answerTimer) clearTimeout(answerTimer);
      const refusedFilters = new Set(refused.map((r) => r.filter));
      options.session?.remember(options.topics.filter((t) => !refusedFilters.has(t.filter)));
      options.onSubscriptionProblem(refused.length ? describeRefusedSubscriptions(refused) : undefined);
      events.opened();
      if (options.extraTopics) stopExtraTopics = followExtraTopics(client, options.extraTopics);
    } catch (err) {
      if (!ended) lose(`subscribing failed: ${(err as Error).message}`);
    }
  };

  client.connect();
  // Errors mqtt.js keeps to itself (with allowUntrusted it drops TLS-socket errors) still explain the close.
  client.stream?.on('error', (err: Error) => (firstError ??= describe(err)));
  waitForAnswer('answer');

  return {
    sender,
    async close() {
      const wasEnded = ended;
      ended = true;
      if (answerTimer) clearTimeout(answerTimer);
      stopExtraTopics();
      if (wasEnded || !client.connected) {
        client.end(true);
        return;
      }
      // A graceful end: what is committed gets its PUBACK/PUBCOMP (else the broker would send it again), what
      // arrives meanwhile is left to the broker, then DISCONNECT.
      acks.stopReceiving();
      await withTimeout(acks.settled(), SETTLE_GRACE_MS);
      await withTimeout(new Promise<void>((resolve) => client.end(false, {}, () => resolve())), CLOSE_GRACE_MS);
      client.stream?.destroy();
    },
  };
}

/** Subscribes; resolves with the filters the broker refused (SUBACK 0x80 or an MQTT 5 reason code >= 0x80). */
function subscribeAll(
  client: MqttClient,
  topics: readonly TopicSubscription[],
): Promise<{ filter: string; code: number }[]> {
  const wanted = Object.fromEntries(topics.map((t) => [t.filter, { qos: t.qos }]));
  return new Promise((resolve, reject) => {
    client.subscribe(wanted, (err, granted?: ISubscriptionGrant[], packet?: { granted?: (number | object)[] }) => {
      const codes = packet?.granted;
      if (err && !codes) return reject(err);
      const refused: { filter: string; code: number }[] = [];
      // SUBACK lists one code per filter, in the order they were sent (the order of `wanted`).
      Object.keys(wanted).forEach((filter, i) => {
        const code = typeof codes?.[i] === 'number' ? codes[i] : (granted?.[i]?.qos ?? 0);
        if (code >= 0x80) refused.push({ filter, code });
      });
      resolve(refused);
    });
  });
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
