// The writer worker: every write commits in a worker thread on its own connection; the main thread reads on
// another. A worker that dies fails only what it had not committed and is started again; a paused worker
// answers nothing until it resumes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MessageStore } from '../../../../../src/main/core/store/message-store.ts';
import { WorkerWrites } from '../../../../../src/main/core/store/writer/worker-writes.ts';
import { JOIN_LIMIT } from '../../../../../src/main/core/store/writer/writer-protocol.ts';
import { tempDir } from '../../../../helpers/core.ts';
import { newMessage } from '../../../../helpers/inbox.ts';

let dir: ReturnType<typeof tempDir>;
let file: string;
let writes: WorkerWrites | undefined;
let reader: MessageStore | undefined;

beforeEach(() => {
  dir = tempDir('herald-worker-');
  file = join(dir.path, 'inbox.sqlite');
});
afterEach(async () => {
  await writes?.close();
  reader?.close();
  writes = undefined;
  reader = undefined;
  dir.remove();
});

const batch = (from: number, count: number, topic = 'home/door') =>
  Array.from({ length: count }, (_, i) => newMessage(`m${from + i}`, { topic, dedupeKey: `k${from + i}` }));

async function open(restarts: string[] = []): Promise<{ writes: WorkerWrites; reader: MessageStore }> {
  writes = await WorkerWrites.start(file, { onRestart: (reason) => restarts.push(reason) });
  reader = MessageStore.open(file, { readOnly: true });
  return { writes, reader };
}

describe('the writer worker', () => {
  test('commits a batch and answers with what it stored and the counts; another connection reads it', async () => {
    const { writes, reader } = await open();
    const outcome = await writes.applyBatch(batch(0, 3));
    expect(outcome.results.map((summary) => summary?.preview)).toEqual(['m0', 'm1', 'm2']);
    expect(writes.counts()).toEqual({ total: 3, unread: 3 });
    expect(reader.list({ limit: 10 }).items.map((m) => m.preview)).toEqual(['m2', 'm1', 'm0']);
    // A duplicate (same dedupe key) is answered with null, like on the main thread.
    expect((await writes.applyBatch(batch(1, 1))).results).toEqual([null]);
  });

  test('batches sent while a commit runs are joined, and each is answered with its own results, in order', async () => {
    const { writes } = await open();
    const sent = Array.from({ length: 20 }, (_, i) => writes.applyBatch(batch(i * 500, 500)));
    const outcomes = await Promise.all(sent);
    outcomes.forEach((outcome, i) => {
      expect(outcome.results).toHaveLength(500);
      expect(outcome.results[0]?.preview).toBe(`m${i * 500}`);
      expect(outcome.results[499]?.preview).toBe(`m${i * 500 + 499}`);
    });
    const ids = outcomes.flatMap((outcome) => outcome.results.map((summary) => summary!.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(writes.counts().total).toBe(10_000);
    expect(JOIN_LIMIT).toBeGreaterThanOrEqual(1000);
  });

  test('read state, pins and deletes run in the worker and keep the counts', async () => {
    const { writes, reader } = await open();
    const ids = (await writes.applyBatch(batch(0, 5))).results.map((summary) => summary!.id);
    expect(await writes.markRead(ids.slice(0, 2))).toEqual(ids.slice(0, 2));
    expect(writes.counts()).toEqual({ total: 5, unread: 3 });
    expect(await writes.pin([ids[4]!], true)).toEqual([ids[4]]);
    expect(await writes.delete([ids[0]!, 999])).toEqual([ids[0]]);
    expect(await writes.markAllRead()).toBe(3);
    expect(writes.counts()).toEqual({ total: 4, unread: 0 });
    expect(reader.get(ids[4]!)).toMatchObject({ pinned: true, read: true });
  });

  test('a failed write is refused with its reason and the worker goes on', async () => {
    const { writes } = await open();
    const malformed = writes.applyBatch as (messages: unknown[]) => Promise<unknown>;
    await expect(malformed([{ sourceId: 'src-1' }])).rejects.toThrow(/reading 'action'/);
    expect((await writes.applyBatch(batch(0, 1))).results).toHaveLength(1);
  });

  test('a worker that dies fails what it had not answered, starts again, and keeps what it had committed', async () => {
    const restarts: string[] = [];
    const { writes, reader } = await open(restarts);
    await writes.applyBatch(batch(0, 100));
    writes.pause();
    const held = writes.applyBatch(batch(100, 100));
    await writes.crashForTest();
    await expect(held).rejects.toThrow(/inbox writer stopped.*not committed/);
    writes.resume();
    // Asked while it is down: waits for the new worker.
    const after = await writes.applyBatch(batch(200, 100));
    expect(after.results.every((summary) => summary !== null)).toBe(true);
    expect(restarts).toHaveLength(1);
    expect(writes.counts().total).toBe(200);
    expect(reader.list({ limit: 1000 }).items).toHaveLength(200);
    expect(reader.list({ limit: 1000 }).items.some((m) => m.preview === 'm150')).toBe(false);
  });

  test('a paused worker answers nothing until it resumes, then everything in order', async () => {
    const { writes, reader } = await open();
    writes.pause();
    const answered: number[] = [];
    const sent = [0, 1, 2].map((i) => writes.applyBatch(batch(i * 10, 10)).then(() => answered.push(i)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toEqual([]);
    expect(reader.list({ limit: 100 }).items).toHaveLength(0);
    writes.resume();
    await Promise.all(sent);
    expect(answered).toEqual([0, 1, 2]);
    expect(reader.list({ limit: 100 }).items).toHaveLength(30);
  });

  test('an inbox that is not a database is refused with the reason, and the file is left as it was', async () => {
    writeFileSync(file, 'not a database, just text that is long enough to have a header page '.repeat(20));
    await expect(WorkerWrites.start(file)).rejects.toThrow(/not a valid SQLite database/);
  });
});
