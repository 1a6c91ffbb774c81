// One MQTT broker connection: subscribes to its topics and hands every message to the pipeline. A QoS 1/2
// message is acknowledged only after the pipeline says it is committed, so a crash loses nothing.
import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type { Qos, SourceStatus } from '../../../shared/model.ts';
import type { StoredSourceOf } from '../settings/schema.ts';
import { acknowledgeAfterCommit } from './ack-after-commit.ts';
import type { IncomingMessage, MessageSink, Source, SourceContext } from './source.ts';

export type { IncomingMessage, MessageSink } from './source.ts';

/** The registry resolves `url` (the embedded default follows the broker's actual port) before this runs. */
export function createMqttSource(config: StoredSourceOf<'mqtt'>, context: SourceContext): Source {
  return new MqttSource(
    { ...config, password: context.secrets.password },
    context.sink,
    context.onStatus,
  );
}

export interface MqttSourceConfig {
  id: string;
  name: string;
  url: string;
  username?: string;
  password?: string;
  clientId?: string;
  topics: { filter: string; qos: Qos }[];
}

export class MqttSource implements Source {
  readonly config: MqttSourceConfig;
  private readonly sink: MessageSink;
  private readonly onStatus: (status: SourceStatus) => void;
  private client: MqttClient | null = null;
  private current: SourceStatus = { state: 'connecting', since: Date.now() };
  private lastError: string | undefined;
  private stopped = false;

  constructor(config: MqttSourceConfig, sink: MessageSink, onStatus: (status: SourceStatus) => void) {
    this.config = config;
    this.sink = sink;
    this.onStatus = onStatus;
  }

  get status(): SourceStatus {
    return this.current;
  }

  start(): void {
    this.stopped = false;
    this.setStatus('connecting');
    const options: IClientOptions = {
      protocolVersion: 4,
      clean: true,
      keepalive: 30,
      connectTimeout: 10_000,
      reconnectPeriod: 1_000,
      // A notifier does not publish while offline; never let the offline queue grow.
      queueQoSZero: false,
      username: this.config.username || undefined,
      password: this.config.password || undefined,
      clientId: this.config.clientId || undefined,
      manualConnect: true,
    };
    const client = mqtt.connect(this.config.url, options);
    this.client = client;
    acknowledgeAfterCommit(
      client,
      (packet) => this.sink(this.toMessage(packet)),
      (err) => {
        // Nothing was acknowledged for it; a fresh connection makes the broker send it again.
        this.lastError = `a message could not be stored: ${err.message}`;
        this.reconnectNow();
      },
    );
    client.on('connect', () => {
      // Without this, every QoS 1 round trip through a broker waits ~40 ms for delayed ACKs (Nagle).
      (client.stream as { setNoDelay?: (on: boolean) => void } | undefined)?.setNoDelay?.(true);
      this.lastError = undefined;
      this.setStatus('connected');
      this.subscribe(client);
    });
    client.on('reconnect', () => this.setStatus('reconnecting', this.lastError));
    client.on('close', () => {
      if (this.stopped) return;
      // mqtt.js does not retry after a refused CONNACK (bad credentials): say so instead of "reconnecting".
      if (!client.reconnecting && this.current.state === 'error') return;
      this.setStatus('reconnecting', this.lastError ?? 'connection closed');
    });
    client.on('error', (err: Error & { code?: string | number }) => {
      this.lastError = describeError(err, this.config.url);
      const refusedByBroker = typeof err.code === 'number';
      this.setStatus(refusedByBroker ? 'error' : 'reconnecting', this.lastError);
      if (refusedByBroker) client.end(true);
    });
    client.connect();
  }

  /** Drop the connection and dial again now (OS resume, network change). */
  reconnectNow(): void {
    if (this.stopped || !this.client) return;
    this.client.end(true, () => {
      if (!this.stopped) this.start();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    this.setStatus('disabled');
    if (client) await new Promise<void>((resolve) => client.end(true, () => resolve()));
  }

  private toMessage(packet: IPublishPacket): IncomingMessage {
    return {
      sourceId: this.config.id,
      sourceName: this.config.name,
      topic: packet.topic,
      payload: typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload,
      receivedAt: Date.now(),
      properties: packetProperties(packet),
    };
  }

  private subscribe(client: MqttClient): void {
    const wanted = Object.fromEntries(this.config.topics.map((t) => [t.filter, { qos: t.qos }]));
    client.subscribe(wanted, (err, granted) => {
      if (err) {
        this.lastError = `subscribe failed: ${err.message}`;
        this.setStatus('error', this.lastError);
        return;
      }
      const refused = (granted ?? []).filter((g) => g.qos === 128).map((g) => g.topic);
      if (refused.length) this.setStatus('error', `the broker refused the subscription to ${refused.join(', ')}`);
    });
  }

  private setStatus(state: SourceStatus['state'], error?: string): void {
    if (this.current.state === state && this.current.error === error) return;
    this.current = { state, error, since: Date.now() };
    this.onStatus(this.current);
  }
}

function packetProperties(packet: IPublishPacket): Record<string, unknown> {
  const properties: Record<string, unknown> = { qos: packet.qos, retain: packet.retain };
  if (packet.properties) Object.assign(properties, packet.properties);
  return properties;
}

/** Turns mqtt.js and socket errors into a line a person can act on. */
export function describeError(err: Error & { code?: string | number }, url: string): string {
  if (err.code === 'ECONNREFUSED') return `connection refused by ${hostOf(url)} (is a broker running there?)`;
  if (err.code === 'ENOTFOUND') return `host ${hostOf(url)} not found`;
  if (err.code === 'ETIMEDOUT') return `connecting to ${hostOf(url)} timed out`;
  return err.message;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
