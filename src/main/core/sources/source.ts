// What every source is to the rest of Herald: something that connects, stays connected, and hands each
// message to the pipeline. Kinds (MQTT, WebSocket, SSE, ntfy, Gotify) differ only behind this interface.
import type { MessageExtras, SourceStatus } from '../../../shared/model.ts';
import type { StoredSource } from '../settings/schema.ts';

/** Fields a push server already separated (ntfy, Gotify, mapped JSON frames); no payload decoding needed. */
export interface PushFields {
  title?: string;
  body: string;
  /** 1..5 */
  priority?: number;
  extras?: MessageExtras;
}

/** A message as it came off the wire, before decoding. Exactly one of `payload` and `fields` is set. */
export interface IncomingMessage {
  sourceId: string;
  sourceName: string;
  /** MQTT topic, ntfy topic, Gotify app name, or the endpoint for plain WebSocket/SSE. */
  topic: string;
  receivedAt: number;
  payload?: Uint8Array;
  fields?: PushFields;
  /** Protocol data shown in the detail view (qos, retain, MQTT 5 properties, SSE event name...). */
  properties?: Record<string, unknown>;
  /** The server's id: a second message with the same key from the same source is not stored again. */
  dedupeKey?: string;
  /** Replaces the earlier message with the same key (ntfy sequence_id): one inbox entry per key. */
  foldKey?: string;
  /** 'delete' removes the entry with foldKey; 'clear' marks it read. Default: store the message. */
  op?: 'store' | 'delete' | 'clear';
  /** The source's resume position after this message; saved in the same transaction as the message. */
  cursor?: string;
  /** MQTT QoS 2: the packet id whose in-flight record is removed in the transaction that stores this message. */
  releaseInflight?: number;
}

/** Resolves once the message is durably stored (or recognised as a duplicate). */
export type MessageSink = (message: IncomingMessage) => Promise<unknown>;

export interface SourceSecrets {
  password?: string;
  token?: string;
  tlsKey?: string;
}

/** What a source gets from the core. */
export interface SourceContext {
  sink: MessageSink;
  onStatus: (status: SourceStatus) => void;
  secrets: SourceSecrets;
  /** The last cursor saved with a message of this source (e.g. the last ntfy/Gotify id), if any. */
  loadCursor: () => string | undefined;
  /** Folder for a source's own durable state. */
  dataDir: string;
  /** Durable MQTT QoS 2 in-flight packets, in the inbox database (see MessageStore.putInflight). */
  inflight: {
    put(messageId: number, packet: Uint8Array): void;
    get(messageId: number): Uint8Array | undefined;
    delete(messageId: number): void;
  };
}

export interface Source {
  start(): void;
  /** Drop the connection and dial again now, then catch up (OS resume, network change, user request). */
  reconnectNow(): void;
  stop(): Promise<void>;
  readonly status: SourceStatus;
}

export type SourceFactory<S extends StoredSource = StoredSource> = (config: S, context: SourceContext) => Source;

/** The inbox refused a message: a push source drops its stream, so the next catch-up brings it again. */
export class StoreError extends Error {}
