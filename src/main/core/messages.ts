// A message's shapes on its way through the pipeline: as a source hands it over (IncomingMessage) and as the
// store writes it (NewMessage). Both carry the same envelope (where it came from and what the store must do
// besides storing it); they differ only in the content: raw on the way in, decoded on the way to the store.
import type { MessageExtras, MessageSummary } from '../../shared/model.ts';
import type { Decoded } from './decode/types.ts';
import type { Decision } from './rules/decision.ts';

/** Fields a push server already separated (ntfy, Gotify, mapped JSON frames); no payload decoding needed. */
export interface PushFields {
  title?: string;
  body: string;
  /** 1..5 */
  priority?: number;
  extras?: MessageExtras;
}

/** Everything about a message but its content. */
export interface MessageEnvelope {
  sourceId: string;
  sourceName: string;
  /** MQTT topic, ntfy topic, Gotify app name, or the endpoint for plain WebSocket/SSE. */
  topic: string;
  receivedAt: number;
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

/** A message as it came off the wire, before decoding. Exactly one of `payload` and `fields` is set. */
export interface IncomingMessage extends MessageEnvelope {
  payload?: Uint8Array;
  fields?: PushFields;
}

/** A message after the decode stage: its envelope and its decoded content. */
export type DecodedMessage = MessageEnvelope & Decoded;

/** A decoded message with what the rules decided for it, ready to be written to the inbox. */
export type NewMessage = DecodedMessage & { decision: Decision };

/** A message as committed: its summary and what the rules decided (for notifications and UI events). */
export interface CommittedMessage {
  summary: MessageSummary;
  decision: Decision;
}

/** The pipeline's entry; resolves once the message is durably stored (or recognised as a duplicate). */
export type MessageSink = (message: IncomingMessage) => Promise<unknown>;
