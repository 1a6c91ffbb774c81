// Retained messages and persistent sessions (subscriptions and queued QoS 1/2 messages of clean-session-0
// clients) kept across a restart of Herald: aedes' in-memory store, saved as a snapshot file in the data dir
// whenever it changed (at most every couple of seconds, written aside and renamed) and when the broker stops, and
// loaded before the broker accepts its first connection. A crash loses at most the last interval; QoS 1/2
// messages are then delivered again (at least once), never lost from an earlier snapshot. Wills and half-done
// inbound QoS 2 handshakes are not kept.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Aedes } from 'aedes';
import { logger } from '../logging/logger.ts';

export const BROKER_STATE_FILE = 'broker-state.json';
const SAVE_EVERY_MS = 2_000;
const STATE_VERSION = 1;

interface StoredPacket {
  topic: string;
  /** Base64. */
  payload: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  brokerId?: string;
  brokerCounter?: number;
}

interface StoredSession {
  clientId: string;
  subscriptions: { topic: string; qos: 0 | 1 | 2; rh?: number; rap?: boolean; nl?: boolean }[];
  queued: StoredPacket[];
}

interface BrokerState {
  version: number;
  retained: StoredPacket[];
  sessions: StoredSession[];
}

/** The parts of aedes' persistence this file reads and writes (promise style, as aedes 1.x calls them). */
interface Persistence {
  storeRetained(packet: object): Promise<void>;
  createRetainedStream(pattern: string): Readable;
  addSubscriptions(client: { id: string }, subs: StoredSession['subscriptions']): Promise<void>;
  subscriptionsByClient(client: { id: string }): Promise<StoredSession['subscriptions']>;
  outgoingEnqueue(sub: { clientId: string }, packet: object): Promise<void>;
  outgoingStream(client: { id: string }): Readable;
}

/** Every method by which aedes changes what a snapshot holds. */
const CHANGES = [
  'storeRetained',
  'addSubscriptions',
  'removeSubscriptions',
  'cleanSubscriptions',
  'outgoingEnqueue',
  'outgoingEnqueueCombi',
  'outgoingUpdate',
  'outgoingClearMessageId',
] as const;

const log = logger('broker');

export interface BrokerStateFile {
  /** Writes the last state now (on stop). */
  close(): Promise<void>;
}

/** Loads `path` into the broker's store, then keeps the file in step with it. Call before listening. */
export async function keepBrokerState(broker: Aedes, path: string): Promise<BrokerStateFile> {
  const persistence = (broker as unknown as { persistence: Persistence }).persistence;
  const clientIds = new Set<string>();
  let dirty = false;
  const methods = persistence as unknown as Record<string, unknown>;
  for (const method of CHANGES) {
    const original = methods[method];
    if (typeof original !== 'function') throw new Error(`aedes changed: its store has no ${method}`);
    methods[method] = (...args: unknown[]) => {
      dirty = true;
      if (method === 'addSubscriptions') clientIds.add((args[0] as { id: string }).id);
      return (original as (...a: unknown[]) => unknown).apply(persistence, args);
    };
  }
  await load(persistence, path, clientIds);
  dirty = false;

  let saving: Promise<void> = Promise.resolve();
  const save = async (sync: boolean) => {
    if (!dirty) return;
    dirty = false;
    const text = JSON.stringify(await snapshot(persistence, clientIds));
    const temporary = `${path}.tmp`;
    if (sync) {
      writeFileSync(temporary, text, { mode: 0o600 });
      renameSync(temporary, path);
    } else {
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, path);
    }
  };
  const timer = setInterval(() => {
    saving = saving.then(() => save(false)).catch((err: unknown) => log.warn('saving the broker state failed', err));
  }, SAVE_EVERY_MS);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await saving;
      await save(true);
    },
  };
}

async function load(persistence: Persistence, path: string, clientIds: Set<string>): Promise<void> {
  if (!existsSync(path)) return;
  let state: BrokerState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as BrokerState;
    if (state.version !== STATE_VERSION) throw new Error(`unknown version ${String(state.version)}`);
  } catch (err) {
    // A damaged file costs the retained messages and sessions, not the start of the broker.
    renameSync(path, `${path}.unreadable-${Date.now()}`);
    log.warn(`the broker state ${path} could not be read and was set aside`, err);
    return;
  }
  for (const packet of state.retained) await persistence.storeRetained({ cmd: 'publish', ...fromStored(packet) });
  for (const session of state.sessions) {
    clientIds.add(session.clientId);
    await persistence.addSubscriptions({ id: session.clientId }, session.subscriptions);
    for (const packet of session.queued) {
      await persistence.outgoingEnqueue({ clientId: session.clientId }, { cmd: 'publish', ...fromStored(packet) });
    }
  }
}

async function snapshot(persistence: Persistence, clientIds: Set<string>): Promise<BrokerState> {
  const retained = (await collect(persistence.createRetainedStream('#'))).map(toStored);
  const sessions: StoredSession[] = [];
  for (const clientId of [...clientIds]) {
    const subscriptions = await persistence.subscriptionsByClient({ id: clientId });
    const queued = (await collect(persistence.outgoingStream({ id: clientId }))).map(toStored);
    if (subscriptions.length === 0 && queued.length === 0) clientIds.delete(clientId);
    else sessions.push({ clientId, subscriptions, queued });
  }
  return { version: STATE_VERSION, retained, sessions };
}

async function collect(stream: Readable): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const item of stream) items.push(item as Record<string, unknown>);
  return items;
}

function toStored(packet: Record<string, unknown>): StoredPacket {
  return {
    topic: packet.topic as string,
    payload: Buffer.from(packet.payload as Buffer | string).toString('base64'),
    qos: (packet.qos as 0 | 1 | 2 | undefined) ?? 0,
    retain: Boolean(packet.retain),
    brokerId: packet.brokerId as string | undefined,
    brokerCounter: packet.brokerCounter as number | undefined,
  };
}

function fromStored(packet: StoredPacket): Record<string, unknown> {
  return { ...packet, payload: Buffer.from(packet.payload, 'base64') };
}
