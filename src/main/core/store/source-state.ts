// What the pipeline keeps in the inbox besides messages: each source's resume position (cursor), MQTT QoS 2
// packets in flight, and the rules' state. Both are written in the same transaction as the message they belong to, so a crash can
// never leave a cursor past a message that was not stored, or a stored message whose packet is still pending.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Durable MQTT QoS 2 packets of one source, between PUBREC and the commit of their message. */
export interface InflightPackets {
  /** Done once the packet is durable (a promise where the writer worker keeps it). */
  put(messageId: number, packet: Uint8Array): void | Promise<void>;
  get(messageId: number): Uint8Array | undefined;
  delete(messageId: number): void;
}

/** The same packets on this connection, kept at once. */
export interface StoredInflight extends InflightPackets {
  put(messageId: number, packet: Uint8Array): void;
}

/** A piece of durable state kept beside the messages (e.g. the rules' `for`/`limit` state), as JSON text. */
export interface StateEntry {
  key: string;
  value: string;
}

export class SourceStateTables {
  private readonly stateGet: StatementSync;
  private readonly stateSet: StatementSync;
  private readonly cursorGet: StatementSync;
  private readonly cursorSet: StatementSync;
  private readonly inflightPut: StatementSync;
  private readonly inflightGet: StatementSync;
  private readonly inflightDelete: StatementSync;

  constructor(db: DatabaseSync) {
    this.cursorGet = db.prepare('SELECT cursor FROM cursors WHERE source_id = ?');
    this.cursorSet = db.prepare(
      'INSERT INTO cursors (source_id, cursor) VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET cursor = excluded.cursor',
    );
    this.inflightPut = db.prepare(
      'INSERT INTO mqtt_inflight (source_id, message_id, packet) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET packet = excluded.packet',
    );
    this.inflightGet = db.prepare('SELECT packet FROM mqtt_inflight WHERE source_id = ? AND message_id = ?');
    this.inflightDelete = db.prepare('DELETE FROM mqtt_inflight WHERE source_id = ? AND message_id = ?');
    this.stateGet = db.prepare('SELECT value FROM state WHERE key = ?');
    this.stateSet = db.prepare(
      'INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  state(key: string): string | undefined {
    return (this.stateGet.get(key) as { value: string } | undefined)?.value;
  }

  /** Inside the transaction of the batch the state belongs to. */
  saveState(key: string, value: string): void {
    this.stateSet.run(key, value);
  }

  /** The cursor last saved for a source (with its newest message), if any. */
  cursor(sourceId: string): string | undefined {
    return (this.cursorGet.get(sourceId) as { cursor: string } | undefined)?.cursor;
  }

  /** Inside the transaction that stores the message this cursor follows. */
  saveCursor(sourceId: string, cursor: string): void {
    this.cursorSet.run(sourceId, cursor);
  }

  /**
   * MQTT QoS 2 exactly-once: the packet is kept from PUBREC until the transaction that stores the message
   * (NewMessage.releaseInflight) removes it. After a crash, a PUBREL finds the packet if and only if the
   * message was not stored yet.
   */
  inflightFor(sourceId: string): StoredInflight {
    return {
      put: (messageId, packet) => void this.inflightPut.run(sourceId, messageId, packet),
      get: (messageId) => (this.inflightGet.get(sourceId, messageId) as { packet: Uint8Array } | undefined)?.packet,
      delete: (messageId) => this.releaseInflight(sourceId, messageId),
    };
  }

  releaseInflight(sourceId: string, messageId: number): void {
    this.inflightDelete.run(sourceId, messageId);
  }
}
