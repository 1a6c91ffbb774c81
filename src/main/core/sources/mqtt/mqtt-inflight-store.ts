// mqtt.js's store of incoming QoS 2 messages, kept in the inbox database so that exactly-once survives a crash.
//
// mqtt.js (lib/handlers/publish.js, pubrel.js) does, for an incoming QoS 2 message:
//   PUBLISH -> incomingStore.put(packet) -> PUBREC
//   PUBREL  -> incomingStore.get(id): found     -> handleMessage(packet) -> incomingStore.del -> PUBCOMP
//                                     not found -> PUBCOMP (the message was handled already)
// Here put() writes the packet to the mqtt_inflight table before PUBREC is sent; del() does nothing, because
// the row is deleted by the very transaction that stores the message (IncomingMessage.releaseInflight).
// So after a crash before that commit the row is still there and the broker's repeated PUBREL delivers the
// message; after a crash past the commit the row is gone and the repeated PUBREL is just acknowledged.
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import type { IPublishPacket, IStore } from 'mqtt';
import type { SourceContext } from '../common/source.ts';

type Inflight = SourceContext['inflight'];

/**
 * @param onFailure the database failed: the caller must drop the connection. The callback mqtt.js passed is
 * then never called, so no PUBREC/PUBCOMP goes out for a message that is not safely kept.
 */
export function createInflightStore(inflight: Inflight, onFailure: (err: Error) => void): IStore {
  const store: IStore = {
    put(packet, cb) {
      if (packet.cmd !== 'publish' || packet.messageId === undefined) {
        cb();
        return store;
      }
      let kept: void | Promise<void>;
      try {
        kept = inflight.put(packet.messageId, encodeInflight(packet));
      } catch (err) {
        onFailure(err as Error);
        return store;
      }
      // PUBREC (mqtt.js sends it from cb) only once the packet is durable.
      if (kept instanceof Promise)
        kept.then(
          () => cb(),
          (err: Error) => onFailure(err),
        );
      else cb();
      return store;
    },
    get(packet, cb) {
      let bytes: Uint8Array | undefined;
      try {
        bytes = inflight.get(packet.messageId!);
      } catch (err) {
        // Answering "missing" here would make mqtt.js send PUBCOMP and lose the message.
        onFailure(err as Error);
        return store;
      }
      if (bytes === undefined) cb(new Error('missing packet'));
      else cb(undefined, decodeInflight(bytes));
      return store;
    },
    del(_packet, cb) {
      cb?.();
      return store;
    },
    createStream() {
      // mqtt.js replays only the outgoing store; Herald publishes nothing.
      return Readable.from([]) as unknown as ReturnType<IStore['createStream']>;
    },
    close(cb) {
      cb?.();
    },
  };
  return store;
}

interface InflightHeader {
  topic: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  dup: boolean;
  messageId: number;
  properties?: Record<string, unknown>;
}

const BINARY = '$hex';

/** [4-byte header length][JSON header][payload]: the payload stays bytes, properties become JSON. */
export function encodeInflight(packet: IPublishPacket): Uint8Array {
  const header: InflightHeader = {
    topic: packet.topic,
    qos: packet.qos,
    retain: packet.retain,
    dup: packet.dup,
    messageId: packet.messageId!,
  };
  if (packet.properties) {
    header.properties = Object.fromEntries(
      Object.entries(packet.properties).map(([key, value]) => [
        key,
        Buffer.isBuffer(value) ? { [BINARY]: value.toString('hex') } : value,
      ]),
    );
  }
  const json = Buffer.from(JSON.stringify(header));
  const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, payload]);
}

export function decodeInflight(bytes: Uint8Array): IPublishPacket {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = buffer.readUInt32BE(0);
  const header = JSON.parse(buffer.subarray(4, 4 + length).toString('utf8')) as InflightHeader;
  const packet: IPublishPacket = {
    cmd: 'publish',
    topic: header.topic,
    qos: header.qos,
    retain: header.retain,
    dup: header.dup,
    messageId: header.messageId,
    payload: Buffer.from(buffer.subarray(4 + length)),
  };
  if (header.properties) {
    packet.properties = Object.fromEntries(
      Object.entries(header.properties).map(([key, value]) => [
        key,
        value !== null && typeof value === 'object' && BINARY in value
          ? Buffer.from((value as Record<string, string>)[BINARY]!, 'hex')
          : value,
      ]),
    );
  }
  return packet;
}
