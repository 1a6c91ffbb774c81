// Acknowledge a QoS 1/2 message only once it is committed to the inbox, without making mqtt.js wait for
// each commit before it reads the next packet. mqtt.js sends PUBACK (QoS 1, after the PUBLISH) and PUBCOMP
// (QoS 2, after the PUBREL) when `handleMessage` calls back, and handles packets strictly one at a time, so
// awaiting the commit there would mean one SQLite transaction per message. Instead `handleMessage` returns at
// once and the acknowledgement itself is held back until the commit. Commits resolve in arrival order, so
// acknowledgements keep the order MQTT requires.
//
// QoS 2 needs the durable incoming store as well (mqtt-inflight-store.ts): PUBREC goes out once the packet is
// in the database, and the PUBCOMP held here once the message is.
//
// Nothing here holds back PUBRECs to limit how many QoS 2 messages wait for PUBCOMP: tried against Mosquitto
// 2.0.11, whose QoS 2 flow control counts wrongly, that made the broker send without bound until its packet
// ids wrapped and it dropped the connection as a protocol error, over and over.
import type { IPublishPacket, MqttClient } from 'mqtt';

type SendPacket = (packet: { cmd: string; messageId?: number }, cb?: (err?: Error) => void, ...rest: unknown[]) => void;

interface HeldAck {
  /** null: the message arrived while closing; it is neither stored nor acknowledged (the broker sends it again). */
  commit: Promise<unknown> | null;
  connection: number;
}

export interface AckAfterCommit {
  /** Messages that arrive from now on are left to the broker to send again; none is stored or acknowledged. */
  stopReceiving(): void;
  /** Resolves once every message handed to the pipeline so far is committed and acknowledged (or failed). */
  settled(): Promise<void>;
}

export function acknowledgeAfterCommit(
  client: MqttClient,
  commit: (packet: IPublishPacket) => Promise<unknown>,
  onCommitFailed: (err: Error) => void,
): AckAfterCommit {
  const held = new Map<number, HeldAck>();
  const pending = new Set<Promise<unknown>>();
  let connection = 0;
  let receiving = true;
  client.on('connect', () => connection++);
  client.on('close', () => {
    // Acks of a closed connection mean nothing to the next one; the broker redelivers what it kept.
    connection++;
    held.clear();
  });

  const track = (promise: Promise<unknown>) => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
  };

  client.handleMessage = (packet, done) => {
    const acknowledged = packet.qos > 0 && packet.messageId !== undefined;
    if (!receiving) {
      if (acknowledged) held.set(packet.messageId!, { commit: null, connection });
      done();
      return;
    }
    const committed = commit(packet);
    if (acknowledged) held.set(packet.messageId!, { commit: committed, connection });
    else track(committed.catch(onCommitFailed));
    done();
  };

  const internals = client as unknown as { _sendPacket: SendPacket };
  const send = internals._sendPacket.bind(client);

  internals._sendPacket = (packet, cb, ...rest) => {
    const isAck = packet.cmd === 'puback' || packet.cmd === 'pubcomp';
    const ack = isAck && packet.messageId !== undefined ? held.get(packet.messageId) : undefined;
    if (!ack) return send(packet, cb, ...rest);
    held.delete(packet.messageId!);
    // Let mqtt.js go on reading; the acknowledgement follows the commit.
    cb?.();
    if (ack.commit === null) return;
    track(
      ack.commit.then(
        () => {
          // Not connected: mqtt.js would put the ack in its offline queue and send it on a later connection.
          if (ack.connection === connection && client.connected) send(packet);
        },
        (err: Error) => onCommitFailed(err),
      ),
    );
  };

  return {
    stopReceiving: () => {
      receiving = false;
    },
    settled: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
