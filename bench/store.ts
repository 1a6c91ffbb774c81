// Inbox write throughput: `node bench/store.ts [count]`. Compares the real write stage (BatchWriter: one
// transaction per event-loop turn, promise per message) with the floor SQLite allows: raw prepared INSERTs in a
// single transaction. Also times the decode stage, which runs in front of the writer for every message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { NewMessage } from '../src/main/core/messages.ts';
import { toNewMessage } from '../src/main/core/pipeline/to-new-message.ts';
import { BatchWriter } from '../src/main/core/store/batch-writer.ts';
import { MessageStore } from '../src/main/core/store/message-store.ts';
import { INSERT_COLUMNS, insertValues } from '../src/main/core/store/rows.ts';
import { StoreWrites } from '../src/main/core/store/inbox-writes.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
/** Messages arriving per event-loop turn, roughly what a socket read of a busy broker delivers. */
const PER_TURN = 500;
const dir = mkdtempSync(join(tmpdir(), 'herald-bench-'));
const encoder = new TextEncoder();

const payloads = Array.from({ length: 1000 }, (_, i) =>
  encoder.encode(
    i % 2 === 0
      ? JSON.stringify({ title: `Sensor ${i}`, message: `Temperature is ${20 + (i % 10)} °C`, priority: 'high' })
      : `Motion detected in room ${i} at ${new Date(1_700_000_000_000 + i).toISOString()}`,
  ),
);

function rate(count: number, ms: number): string {
  return `${Math.round(count / (ms / 1000)).toLocaleString('en-US')}/s`;
}

function benchDecode(): NewMessage[] {
  const started = performance.now();
  const messages = new Array<NewMessage>(COUNT);
  for (let i = 0; i < COUNT; i++) {
    const incoming = { sourceId: 'bench', sourceName: 'Bench', topic: `bench/${i % 50}`, receivedAt: Date.now() };
    messages[i] = toNewMessage({ ...incoming, payload: payloads[i % payloads.length]! }, { maxBytes: 256 * 1024 });
  }
  console.log(`decode             ${rate(COUNT, performance.now() - started)}`);
  return messages;
}

async function benchBatchWriter(messages: NewMessage[]): Promise<void> {
  const store = MessageStore.open(join(dir, 'writer.sqlite'));
  let commits = 0;
  const writer = new BatchWriter(new StoreWrites(store), () => commits++);
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < messages.length; i++) {
    pending.push(writer.write(messages[i]!));
    if (i % PER_TURN === PER_TURN - 1) await new Promise((next) => setImmediate(next));
  }
  await Promise.all(pending);
  const ms = performance.now() - started;
  await writer.close();
  console.log(`BatchWriter        ${rate(messages.length, ms)}  (${commits} transactions, ${PER_TURN} per turn)`);
  store.close();
}

function benchRawInserts(messages: NewMessage[]): void {
  // The store's own statement and values, without summaries, promises, rules or batching logic.
  MessageStore.open(join(dir, 'raw.sqlite')).close();
  const db = new DatabaseSync(join(dir, 'raw.sqlite'));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
  const columns = INSERT_COLUMNS.split(',');
  const insert = db.prepare(
    `INSERT INTO messages (${INSERT_COLUMNS}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
  );
  const started = performance.now();
  db.exec('BEGIN IMMEDIATE');
  for (const m of messages) insert.run(...insertValues(m));
  db.exec('COMMIT');
  console.log(`raw INSERTs, 1 tx  ${rate(messages.length, performance.now() - started)}  (baseline)`);
  db.close();
}

try {
  console.log(`${COUNT.toLocaleString('en-US')} messages, node ${process.version}`);
  const messages = benchDecode();
  benchRawInserts(messages);
  await benchBatchWriter(messages);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
