// Publishing one message over a live mqtt.js client: resolves once the broker has it (PUBACK for QoS 1,
// PUBCOMP for QoS 2, written to the socket for QoS 0). MQTT 5 properties go only to MQTT 5 brokers; on 3.1.1
// they are left out and the result says so. Used by the MQTT source and by `herald publish` on its own.
import type { IClientPublishOptions, IConnackPacket, MqttClient } from 'mqtt';
import type { PublishProperties, PublishRequest } from '../../../../shared/publish.ts';
import { SourceOffline, type SourceSender } from '../common/source.ts';

/** The broker refused this message (too large for it, or a PUBACK/PUBREC reason code >= 0x80). */
export class PublishRefused extends Error {}

/** A live client as a SourceSender; `up` says whether its connection is the source's current one. */
export function mqttSender(
  client: MqttClient,
  protocolVersion: 4 | 5,
  answerTimeoutMs: number,
  up: () => boolean,
): SourceSender {
  // An MQTT 5 broker announces the largest packet it takes in CONNACK.
  let maxPacket: number | undefined;
  client.on('connect', (connack: IConnackPacket) => (maxPacket = connack.properties?.maximumPacketSize));
  return {
    online: () => up() && client.connected,
    send: (request) => publishOverClient(client, protocolVersion, request, answerTimeoutMs, maxPacket),
  };
}

export async function publishOverClient(
  client: MqttClient,
  protocolVersion: 4 | 5,
  request: PublishRequest,
  answerTimeoutMs: number,
  maxPacket?: number,
): Promise<{ note?: string }> {
  const payload = Buffer.from(request.payload, 'utf8');
  // Fixed header (5) + topic length (2) + topic + packet id (2) + properties (bounded): an upper estimate.
  const estimate = 9 + Buffer.byteLength(request.topic) + payload.length + propertiesSize(request.properties);
  if (maxPacket !== undefined && estimate > maxPacket) {
    throw new PublishRefused(
      `the message is too large for this broker: it accepts packets up to ${maxPacket} bytes, this one is about ${estimate}`,
    );
  }
  const options: IClientPublishOptions = { qos: request.qos, retain: request.retain };
  let note: string | undefined;
  if (request.properties && Object.keys(request.properties).length > 0) {
    if (protocolVersion === 5) options.properties = toPacketProperties(request.properties);
    else note = 'MQTT 5 properties were not sent: this source speaks MQTT 3.1.1';
  }
  if (!client.connected) throw new SourceOffline('not connected');
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeListener('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    // mqtt.js keeps a QoS 1/2 callback of a persistent session past a close; the close itself says it failed.
    const onClose = () => finish(new SourceOffline('the connection dropped before the broker confirmed the message'));
    const timer = setTimeout(
      () => finish(new SourceOffline(`the broker did not confirm the message within ${answerTimeoutMs / 1000} s`)),
      answerTimeoutMs,
    );
    client.once('close', onClose);
    client.publish(request.topic, payload, options, (err) => {
      if (!err) return finish();
      const code = (err as Error & { code?: number }).code;
      finish(
        typeof code === 'number'
          ? new PublishRefused(`the broker refused the message (${err.message})`)
          : new SourceOffline(err.message),
      );
    });
  });
  return note ? { note } : {};
}

function toPacketProperties(properties: PublishProperties): NonNullable<IClientPublishOptions['properties']> {
  return {
    ...(properties.contentType !== undefined ? { contentType: properties.contentType } : {}),
    ...(properties.responseTopic !== undefined ? { responseTopic: properties.responseTopic } : {}),
    ...(properties.correlationData !== undefined
      ? { correlationData: Buffer.from(properties.correlationData, 'utf8') }
      : {}),
    ...(properties.messageExpiryInterval !== undefined
      ? { messageExpiryInterval: properties.messageExpiryInterval }
      : {}),
    ...(properties.payloadFormatIndicator !== undefined
      ? { payloadFormatIndicator: properties.payloadFormatIndicator }
      : {}),
    ...(properties.userProperties !== undefined ? { userProperties: properties.userProperties } : {}),
  };
}

function propertiesSize(properties: PublishProperties | undefined): number {
  return properties ? Buffer.byteLength(JSON.stringify(properties)) : 0;
}
