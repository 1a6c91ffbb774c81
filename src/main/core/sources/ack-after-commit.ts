// Acknowledge a QoS 1/2 message only once it is committed to the inbox, without making mqtt.js wait for
// each commit before it reads the next packet. mqtt.js sends PUBACK / PUBCOMP when `handleMessage` calls
// back and handles packets strictly one at a time, so awaiting the commit there would mean one SQLite
// transaction per message. Instead `handleMessage` returns at once and the acknowledgement itself is held
// back until the commit. Commits resolve in arrival order, so acknowledgements keep the order MQTT requires.
import type { IPublishPacket, MqttClient } from 'mqtt';

type SendPacket = (packet: { cmd: string; messageId?: number }, cb?: (err?: Error) => void, ...rest: unknown[]) => void;

interface HeldAck {
  commit: Promise<unknown>;
  connection: number;
}

export function acknowledgeAfterCommit(
  client: MqttClient,
  commit: (packet: IPublishPacket) => Promise<unknown>,
  onCommitFailed: (err: Error) => void,
): void {
  const held = new Map<number, HeldAck>();
  let connection = 0;
  client.on('connect', () => connection++);
  client.on('close', () => {
    // Acks of a closed connection mean nothing to the next one; the broker redelivers what it kept.
    connection++;
    held.clear();
  });

  client.handleMessage = (packet, done) => {
    const committed = commit(packet);
    if (packet.qos > 0 && packet.messageId !== undefined) {
      held.set(packet.messageId, { commit: committed, connection });
    } else {
      committed.catch(onCommitFailed);
    }
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
    ack.commit.then(
      () => {
        if (ack.connection === connection && client.connected) send(packet);
      },
      (err: Error) => onCommitFailed(err),
    );
  };
}
