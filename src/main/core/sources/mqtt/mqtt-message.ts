// An MQTT PUBLISH as the pipeline wants it: payload bytes, the protocol facts the detail view shows (QoS,
// retain, dup, MQTT 5 properties), and a dedupe key when the message carries its own id.
import { Buffer } from 'node:buffer';
import type { IPublishPacket } from 'mqtt';
import type { IncomingMessage } from '../common/source.ts';

/** Compared byte-wise so only payloads that can hold a top-level "id" are parsed twice (here and in decode). */
const ID_FIELD = Buffer.from('"id"');

export function toIncomingMessage(packet: IPublishPacket, source: { id: string; name: string }): IncomingMessage {
  const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
  const message: IncomingMessage = {
    sourceId: source.id,
    sourceName: source.name,
    topic: packet.topic,
    payload,
    receivedAt: Date.now(),
    properties: mqttProperties(packet),
  };
  const key = dedupeKeyOf(packet.topic, packet.qos, payload, packet.properties?.userProperties);
  if (key !== undefined) message.dedupeKey = key;
  // QoS 2: the in-flight copy (kept since PUBREC) goes in the transaction that stores this message.
  if (packet.qos === 2 && packet.messageId !== undefined) message.releaseInflight = packet.messageId;
  return message;
}

/**
 * `${topic}\0${id}` for a QoS 1/2 message with an id (the MQTT 5 user property `id`, else the JSON payload's
 * top-level `id`). Only QoS 1/2 can be delivered again after a crash or reconnect; a QoS 0 message is sent
 * once, so two QoS 0 messages with the same id are two states and both are kept.
 */
export function dedupeKeyOf(
  topic: string,
  qos: number,
  payload: Uint8Array,
  userProperties?: Record<string, string | string[]>,
): string | undefined {
  if (qos === 0) return undefined;
  const id = userPropertyId(userProperties) ?? jsonId(payload);
  return id === undefined ? undefined : `${topic}\u0000${id}`;
}

function userPropertyId(userProperties?: Record<string, string | string[]>): string | undefined {
  const value = userProperties?.id;
  const id = Array.isArray(value) ? value[0] : value;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The same rule as the decode stage's externalId: a non-empty string or a finite number. */
function jsonId(payload: Uint8Array): string | undefined {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (bytes.indexOf(ID_FIELD) === -1) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const id = (parsed as Record<string, unknown>).id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}

/** qos, retain, dup and the MQTT 5 properties worth showing; binary values as UTF-8 text when they are text. */
export function mqttProperties(packet: IPublishPacket): Record<string, unknown> {
  const shown: Record<string, unknown> = { qos: packet.qos, retain: packet.retain, dup: packet.dup };
  const p = packet.properties;
  if (!p) return shown;
  if (p.payloadFormatIndicator !== undefined) {
    shown.payloadFormat = p.payloadFormatIndicator ? 'UTF-8 text' : 'unspecified bytes';
  }
  if (p.contentType !== undefined) shown.contentType = p.contentType;
  if (p.messageExpiryInterval !== undefined) shown.messageExpiryInterval = p.messageExpiryInterval;
  if (p.responseTopic !== undefined) shown.responseTopic = p.responseTopic;
  if (p.correlationData !== undefined) shown.correlationData = textOrHex(p.correlationData);
  if (p.userProperties !== undefined) shown.userProperties = { ...p.userProperties };
  if (p.subscriptionIdentifier !== undefined) shown.subscriptionIdentifier = p.subscriptionIdentifier;
  return shown;
}

/** Printable UTF-8 stays text; anything else is shown as "hex:0a1b...". */
export function textOrHex(value: Uint8Array | string): string {
  if (typeof value === 'string') return value;
  const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const text = bytes.toString('utf8');
  // eslint-disable-next-line no-control-regex -- control characters make a property value unprintable
  const printable = !text.includes('\uFFFD') && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
  return printable ? text : `hex:${bytes.toString('hex')}`;
}
