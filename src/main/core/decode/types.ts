import type { BodyKind, MessageExtras } from '../../../shared/model.ts';

/** What the decode stage makes of one raw payload. */
export interface Decoded {
  /** From a JSON `title` field; null when the payload has none (the UI then shows the topic). */
  title: string | null;
  /** One line for the list: JSON message/body field, the text itself, or hex of the first bytes. */
  preview: string;
  /** The full text as received (capped): UTF-8 text, JSON text, or '' for binary (bytes are in `raw`). */
  body: string;
  bodyKind: BodyKind;
  /** 1..5, 3 when the payload says nothing. */
  priority: number;
  truncated: boolean;
  /** Size of the original payload in bytes. */
  size: number;
  /** The kept bytes of a binary / invalid UTF-8 payload; null for text and JSON. */
  raw: Uint8Array | null;
  /** A JSON `id` field, kept for dedupe by later stages. */
  externalId?: string;
  /** Push-server extras (click URL, tags, actions, attachment...), shown in the detail view. */
  extras?: MessageExtras;
}

/** A decoded message with its origin, ready to be written to the inbox. */
export interface NewMessage extends Decoded {
  sourceId: string;
  sourceName: string;
  topic: string;
  receivedAt: number;
  /** Extra protocol data shown in the detail view (e.g. qos, retain, MQTT 5 properties). */
  properties?: Record<string, unknown>;
  /** When set, a second message with the same key from the same source is not stored again. */
  dedupeKey?: string;
  /** Replaces any earlier entry of this source with the same key (one inbox entry per key). */
  foldKey?: string;
  /** 'delete' removes the entry with foldKey, 'clear' marks it read; default stores the message. */
  op?: 'store' | 'delete' | 'clear';
  /** The source's resume position, saved in the same transaction as this message. */
  cursor?: string;
  /** MQTT QoS 2: the packet id whose in-flight record this message's transaction removes. */
  releaseInflight?: number;
}
