// The writer worker: owns the inbox's connection for writes and runs every write (inbox-writes.ts) in it, so
// the main loop keeps the sockets, acknowledgements, notifications and UI while SQLite and the search index
// work here. Batches that queued up while a commit ran are joined into one transaction (up to JOIN_LIMIT
// messages): the slower the disk, the bigger the batches, and the fewer the commits.
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../../../../shared/error-message.ts';
import type { NewMessage } from '../../messages.ts';
import { fromColumns, type MessageColumns } from './message-columns.ts';
import { WRITE_OPS } from '../inbox-writes.ts';
import { MessageStore, type BatchOutcome, type StateEntry } from '../message-store.ts';
import {
  JOIN_LIMIT,
  type StoredIds,
  type WriterData,
  type WriterReply,
  type WriterRequest,
} from './writer-protocol.ts';

type Request = Extract<WriterRequest, { id: number }>;

const { file, port } = workerData as WriterData;
let store: MessageStore;
try {
  store = MessageStore.open(file);
} catch (err) {
  port.postMessage({ failed: errorMessage(err) } satisfies WriterReply);
  port.close();
  process.exit(1);
}

const reply = (message: WriterReply) => port.postMessage(message);
const fail = (id: number, err: unknown) => reply({ id, ok: false, error: errorMessage(err), counts: store.counts() });
let paused = false;
const waiting: WriterRequest[] = [];

reply({ ready: store.counts() });
port.on('message', (request: WriterRequest) => {
  if (paused && !('control' in request && request.control === 'resume')) waiting.push(request);
  else handle(request);
});

function handle(request: WriterRequest): void {
  if ('control' in request) {
    if (request.control === 'pause') paused = true;
    else if (request.control === 'close') close();
    else {
      paused = false;
      for (const next of waiting.splice(0)) handle(next);
    }
    return;
  }
  if (request.op === 'applyBatch') return applyJoined(request);
  if (!WRITE_OPS.includes(request.op)) return fail(request.id, new Error(`unknown write ${String(request.op)}`));
  try {
    const value = (store[request.op] as (...args: unknown[]) => unknown)(...request.args);
    reply({ id: request.id, ok: true, value, counts: store.counts() });
  } catch (err) {
    fail(request.id, err);
  }
}

/** Commits this batch with those queued behind it in one transaction, then answers each of them. */
function applyJoined(first: Request): void {
  const joined: Request[] = [first];
  let size = (first.args[0] as MessageColumns).count;
  let after: WriterRequest | undefined;
  while (size < JOIN_LIMIT && !paused) {
    const next = receiveMessageOnPort(port)?.message as WriterRequest | undefined;
    if (next === undefined) break;
    if ('op' in next && next.op === 'applyBatch') {
      joined.push(next);
      size += (next.args[0] as MessageColumns).count;
    } else {
      after = next;
      break;
    }
  }
  const messages: NewMessage[] = [];
  const state: StateEntry[] = [];
  for (const request of joined) {
    for (const message of fromColumns(request.args[0] as MessageColumns)) messages.push(message);
    for (const entry of (request.args[1] as StateEntry[] | undefined) ?? []) state.push(entry);
  }
  let outcome: BatchOutcome;
  try {
    outcome = store.applyBatch(messages, state);
  } catch (err) {
    for (const request of joined) fail(request.id, err);
    if (after !== undefined) handle(after);
    return;
  }
  const counts = store.counts();
  let offset = 0;
  joined.forEach((request, i) => {
    const count = (request.args[0] as MessageColumns).count;
    const last = i === joined.length - 1;
    // What the joined transaction removed or marked read is told once, with its last batch.
    const value: StoredIds = {
      ids: outcome.results.slice(offset, offset + count).map((summary) => summary?.id ?? null),
      removedIds: last ? outcome.removedIds : [],
      readIds: last ? outcome.readIds : [],
    };
    offset += count;
    reply({ id: request.id, ok: true, value, counts });
  });
  if (after !== undefined) {
    if (paused) waiting.push(after);
    else handle(after);
  }
}

function close(): void {
  store.close();
  port.close();
}
