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
// Reading is paced, because mqtt.js hands every packet of its buffered input to `handleMessage` in one
// process.nextTick chain that never yields: when a broker delivers a queued session (tens of thousands of
// messages at once) the whole backlog would be decoded and committed in one task, and the tray, notifications
// and commands would wait for it (~850 ms per 50,000 measured). So after reading for `sliceMs` the next packet
// waits for the event loop to turn (the pipeline commits what it has meanwhile), and while `maxUncommitted`
// messages wait for their commit mqtt.js reads nothing: its input stream fills and TCP pushes back on the broker.
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

export interface ReadPacing {
  /** Let the event loop turn after reading messages for this long in one go (ms). */
  sliceMs: number;
  /** Stop reading while this many messages are handed to the pipeline and not committed yet. */
  maxUncommitted: number;
}

// 1,000 keeps the writer worker busy (it joins what waits) while few messages survive each young-generation GC;
// 5,000 doubled the main loop's GC time during a drain (docs/benchmarks.md).
export const DEFAULT_READ_PACING: ReadPacing = { sliceMs: 8, maxUncommitted: 1_000 };

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
  pacing: ReadPacing = DEFAULT_READ_PACING,
): AckAfterCommit {
  const held = new Map<number, HeldAck>();
  const pending = new Set<Promise<unknown>>();
  let connection = 0;
  let receiving = true;
  const reader = new PacedReader(pacing);
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
    if (acknowledged) {
      held.set(packet.messageId!, { commit: committed, connection });
      // Waited for on close too: its acknowledgement is only tracked once mqtt.js is let go on (paced below).
      track(committed.catch(() => undefined));
    } else track(committed.catch(onCommitFailed));
    reader.next(committed, done);
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
      // A message held back by the pacing is let go now: its acknowledgement follows its commit like the others'.
      reader.release();
    },
    settled: async () => {
      // A paced step of mqtt.js (setImmediate) may still bring an acknowledgement to send: wait a turn after the
      // commits, until a turn brings nothing new. Without this a message committed while its step waited was
      // stored and never acknowledged, and the broker sent it again.
      do {
        while (pending.size > 0) await Promise.allSettled([...pending]);
        await new Promise((resolve) => setImmediate(resolve));
      } while (pending.size > 0);
    },
  };
}

/** Decides when mqtt.js may read the next packet: now, after the event loop turned, or once commits caught up. */
class PacedReader {
  private readonly pacing: ReadPacing;
  private uncommitted = 0;
  private sliceStart: number | null = null;
  private waiting: (() => void) | null = null;

  constructor(pacing: ReadPacing) {
    this.pacing = pacing;
  }

  next(committed: Promise<unknown>, readNext: () => void): void {
    this.uncommitted++;
    committed.then(this.settled, this.settled);
    if (this.uncommitted >= this.pacing.maxUncommitted) {
      this.waiting = readNext;
      return;
    }
    const now = performance.now();
    if (this.sliceStart === null) {
      this.sliceStart = now;
      // Runs once this task (and mqtt.js's nextTick chain in it) has ended: the next message starts a new slice.
      setImmediate(() => (this.sliceStart = null));
    } else if (now - this.sliceStart >= this.pacing.sliceMs) {
      setImmediate(readNext);
      return;
    }
    readNext();
  }

  /** Lets mqtt.js go on at once if it waits for commits to catch up (closing: nothing more is stored). */
  release(): void {
    const readNext = this.waiting;
    this.waiting = null;
    readNext?.();
  }

  private readonly settled = (): void => {
    this.uncommitted--;
    if (this.waiting !== null && this.uncommitted <= this.pacing.maxUncommitted / 2) {
      const readNext = this.waiting;
      this.waiting = null;
      readNext();
    }
  };
}
