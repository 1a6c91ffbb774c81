// What the Broker page shows of a running broker: who is connected (since when, subscribed to what, how much waits
// for them), how many messages came in and went out (counters; the UI turns two samples into a rate), and the
// retained messages, which it can also delete.
import type { Readable } from 'node:stream';
import type { Aedes, Client } from 'aedes';
import { remoteAddressOf } from './conformance.ts';

export interface ConnectedClient {
  id: string;
  address: string;
  /** When it connected (ms since the epoch). */
  since: number;
  subscriptions: string[];
  /** QoS 1/2 messages waiting to be delivered or acknowledged. */
  queued: number;
}

export interface RetainedEntry {
  topic: string;
  /** Payload bytes. */
  size: number;
  preview: string;
}

/** Only what this file needs of aedes' store. */
interface Store {
  storeRetained(packet: object): Promise<void>;
  createRetainedStream(pattern: string): Readable;
  outgoingStream(client: { id: string }): Readable;
}

const PREVIEW_CHARS = 120;

/** What the Broker page reads of a running broker, asked across the worker boundary (worker-broker.ts) or here. */
export interface BrokerInspection {
  clients(): Promise<ConnectedClient[]>;
  /** Messages in and out since the broker started. */
  counters(): Promise<MessageCounters>;
  retained(prefix: string, limit: number): Promise<{ entries: RetainedEntry[]; truncated: boolean }>;
  deleteRetained(topic: string): Promise<boolean>;
}

export interface MessageCounters {
  in: number;
  out: number;
}

export class BrokerInspector implements BrokerInspection {
  /** Messages clients published (the broker's own $SYS heartbeats not counted) and deliveries to clients. */
  messagesIn = 0;
  messagesOut = 0;
  private readonly since = new WeakMap<Client, number>();
  private broker: Aedes | null = null;

  attach(broker: Aedes): void {
    this.broker = broker;
    broker.on('client', (client: Client) => this.since.set(client, Date.now()));
    broker.on('publish', (_packet, client: Client | null) => {
      if (client) this.messagesIn++;
    });
  }

  /** Called for each delivery the broker lets through (its authorizeForward hook). */
  delivered(): void {
    this.messagesOut++;
  }

  counters(): Promise<MessageCounters> {
    return Promise.resolve({ in: this.messagesIn, out: this.messagesOut });
  }

  async clients(): Promise<ConnectedClient[]> {
    const broker = this.broker;
    if (!broker) return [];
    // aedes keeps its connected clients by id; its type definitions leave the map out.
    const clients = Object.values((broker as unknown as { clients: Record<string, Client> }).clients);
    return Promise.all(
      clients.map(async (client) => ({
        id: client.id,
        address: remoteAddressOf(client),
        since: this.since.get(client) ?? Date.now(),
        subscriptions: Object.keys((client as unknown as { subscriptions: Record<string, unknown> }).subscriptions),
        queued: await count(this.store().outgoingStream(client)),
      })),
    );
  }

  /** Retained messages whose topic starts with `prefix`, in topic order, at most `limit` (and whether there were more). */
  async retained(prefix: string, limit: number): Promise<{ entries: RetainedEntry[]; truncated: boolean }> {
    if (!this.broker) return { entries: [], truncated: false };
    const found: RetainedEntry[] = [];
    // '#' leaves out $SYS topics, which are the broker's own and not the user's to browse or delete.
    for await (const packet of this.store().createRetainedStream('#') as AsyncIterable<RetainedPacket>) {
      if (!packet.topic.startsWith(prefix)) continue;
      found.push({ topic: packet.topic, size: packet.payload.length, preview: previewOf(packet.payload) });
    }
    found.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    return { entries: found.slice(0, limit), truncated: found.length > limit };
  }

  /** Removes one retained message (as an empty retained publish would, without delivering anything). */
  async deleteRetained(topic: string): Promise<boolean> {
    if (!this.broker) return false;
    let exists = false;
    for await (const packet of this.store().createRetainedStream(topic) as AsyncIterable<RetainedPacket>) {
      if (packet.topic === topic) exists = true;
    }
    if (!exists) return false;
    await this.store().storeRetained({ topic, payload: Buffer.alloc(0), qos: 0, retain: true, cmd: 'publish' });
    return true;
  }

  private store(): Store {
    return (this.broker as unknown as { persistence: Store }).persistence;
  }
}

interface RetainedPacket {
  topic: string;
  payload: Buffer;
}

async function count(stream: Readable): Promise<number> {
  let n = 0;
  for await (const _ of stream) n++;
  return n;
}

/** The start of the payload as text, or as hex when it is not text. */
function previewOf(payload: Buffer): string {
  const head = payload.subarray(0, PREVIEW_CHARS * 4);
  // A character cut in half at the end of the slice is not a sign of binary.
  const text = head.toString('utf8').replace(payload.length > head.length ? /\uFFFD+$/ : /$^/, '');
  // eslint-disable-next-line no-control-regex
  if (!text.includes('\uFFFD') && !/[\u0000-\u0008\u000E-\u001F]/.test(text)) {
    return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  }
  const hex = payload.subarray(0, 32).toString('hex');
  return payload.length > 32 ? `${hex}…` : hex;
}
