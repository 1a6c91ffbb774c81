// What every source is to the rest of Herald: something that connects, stays connected, and hands each
// message to the pipeline. Kinds (MQTT, WebSocket, SSE, ntfy, Gotify) differ only behind this interface.
import type { SourceStatus } from '../../../../shared/model.ts';
import type { PublishRequest } from '../../../../shared/publish.ts';
import type { SecretValues } from '../../../../shared/sources.ts';
import type { StoredSource } from '../../settings/schema.ts';

// The message shapes belong to the whole pipeline; kinds import them from here with the rest of their interface.
export type { IncomingMessage, MessageSink, PushFields } from '../../messages.ts';
import type { MessageSink } from '../../messages.ts';
import type { InflightPackets } from '../../store/source-state.ts';
import type { WebhookHub } from '../webhook/webhook-hub.ts';

/** The write-only secrets stored for a source, by field; absent when not stored. */
export type SourceSecrets = SecretValues;

/** What a source gets from the core. */
export interface SourceContext {
  sink: MessageSink;
  onStatus: (status: SourceStatus) => void;
  secrets: SourceSecrets;
  /** The last cursor saved with a message of this source (e.g. the last ntfy/Gotify id), if any. */
  loadCursor: () => string | undefined;
  /** Folder for a source's own durable state. */
  dataDir: string;
  /** Durable MQTT QoS 2 in-flight packets, in the inbox database (see SourceStateTables.inflightFor). */
  inflight: InflightPackets;
  /** MQTT: topics to subscribe besides the source's own (device discovery and device state). */
  extraTopics?: ExtraTopics;
  /** Webhooks: where a webhook source puts its hook for the web server to answer. */
  hooks?: WebhookHub;
}

/** Topics a source subscribes for someone else (the devices); what arrives on them goes to the sink as usual. */
export interface ExtraTopics {
  current(): string[];
  /** Called with topics added while connected; returns the function that stops listening. */
  listen(onAdded: (topics: string[]) => void): () => void;
}

/** What a source that can send (MQTT, WebSocket) offers the publisher. */
export interface SourceSender {
  /** True while a connection is up to send over. */
  online(): boolean;
  /** Sends over the current connection; throws SourceOffline when there is none (or it drops before the ack). */
  send(request: PublishRequest): Promise<{ note?: string }>;
}

/** No connection to send over: the publisher queues the message and sends it when the source is back. */
export class SourceOffline extends Error {}

export interface Source {
  /** Present on kinds that can publish. */
  readonly sender?: SourceSender;
  start(): void;
  /** Drop the connection and dial again now, then catch up (OS resume, network change, user request). */
  reconnectNow(): void;
  stop(): Promise<void>;
  readonly status: SourceStatus;
}

export type SourceFactory<S extends StoredSource = StoredSource> = (config: S, context: SourceContext) => Source;

/** The inbox refused a message: a push source drops its stream, so the next catch-up brings it again. */
export class StoreError extends Error {}
