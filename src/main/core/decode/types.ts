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
