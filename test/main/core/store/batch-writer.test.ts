import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../../src/shared/model.ts';
import type { MessageEnvelope, NewMessage } from '../../../../src/main/core/messages.ts';
import { BatchWriter } from '../../../../src/main/core/store/batch-writer.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { newMessage } from '../../../helpers/inbox.ts';
import { StoreWrites } from '../../../../src/main/core/store/inbox-writes.ts';

let dir: string;
let store: MessageStore;
let reader: MessageStore;
let commits: MessageSummary[][];
let writer: BatchWriter;

function message(text: string, extra: Partial<MessageEnvelope> = {}): NewMessage {
  return newMessage(text, extra);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-writer-'));
  const file = join(dir, 'inbox.sqlite');
  store = MessageStore.open(file);
  // A second connection, as another process would have: it sees only what is committed.
  reader = MessageStore.open(file, { readOnly: true });
  commits = [];
  writer = new BatchWriter(new StoreWrites(store), (summaries) => commits.push(summaries));
});

afterEach(async () => {
  await writer.close();
  reader.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('BatchWriter', () => {
  it('commits 10,000 writes made in one tick in a few transactions, each message exactly once', async () => {
    const results = await Promise.all(Array.from({ length: 10_000 }, (_, i) => writer.write(message(`m ${i}`))));
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.length).toBeLessThanOrEqual(10);
    expect(results.every((r) => r !== null)).toBe(true);

    const committed = commits.flat();
    expect(committed.map((s) => s.preview)).toEqual(results.map((_, i) => `m ${i}`));
    expect(new Set(committed.map((s) => s.id)).size).toBe(10_000);
    expect(results.map((r) => r!.id)).toEqual(committed.map((s) => s.id));
    expect(store.counts()).toEqual({ unread: 10_000, total: 10_000 });
    expect([...reader.exportAll()]).toHaveLength(10_000);
  });

  it('batches the writes of one turn into a single transaction', async () => {
    const pending = [writer.write(message('a')), writer.write(message('b')), writer.write(message('c'))];
    expect(commits).toHaveLength(0); // nothing is written synchronously below maxBatch
    await Promise.all(pending);
    expect(commits).toHaveLength(1);
    expect(commits[0]!.map((s) => s.preview)).toEqual(['a', 'b', 'c']);
  });

  it('resolves only once the row is readable from another connection', async () => {
    const summary = await writer.write(message('durable'));
    expect(summary).not.toBeNull();
    expect(reader.get(summary!.id)?.body).toBe('durable');
  });

  it('resolves a duplicate with null and leaves it out of onCommitted', async () => {
    const first = await writer.write(message('one', { dedupeKey: 'k' }));
    const [again, other] = await Promise.all([
      writer.write(message('one again', { dedupeKey: 'k' })),
      writer.write(message('two', { dedupeKey: 'k2' })),
    ]);
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    expect(other?.preview).toBe('two');
    expect(commits.map((batch) => batch.map((s) => s.preview))).toEqual([['one'], ['two']]);

    const onlyDuplicate = await writer.write(message('one once more', { dedupeKey: 'k' }));
    expect(onlyDuplicate).toBeNull();
    expect(commits).toHaveLength(2); // no call for a batch that stored nothing
  });

  it('rejects every write of a failed batch and stores none of it', async () => {
    const broken = { ...message('broken'), bodyKind: undefined } as unknown as NewMessage;
    const outcomes = await Promise.allSettled([writer.write(message('fine')), writer.write(broken)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(store.counts().total).toBe(0);
    expect(reader.list({ limit: 10 }).items).toEqual([]);
    expect(commits).toHaveLength(0);
    expect(await writer.write(message('next batch'))).not.toBeNull();
  });

  it('flush commits what is queued now', async () => {
    const pending = writer.write(message('queued'));
    await writer.flush();
    expect(reader.list({ limit: 10 }).items.map((s) => s.preview)).toEqual(['queued']);
    expect(await pending).not.toBeNull();
  });

  it('commits queued writes on close and rejects writes after it', async () => {
    const pending = writer.write(message('last'));
    await writer.close();
    expect((await pending)?.preview).toBe('last');
    await expect(writer.write(message('too late'))).rejects.toThrow(/closed/);
    expect(store.counts().total).toBe(1);
  });

  it('keeps the commit when onCommitted throws', async () => {
    const errors: unknown[] = [];
    const throwing = new BatchWriter(
      new StoreWrites(store),
      () => {
        throw new Error('listener bug');
      },
      { onListenerError: (error) => errors.push(error) },
    );
    expect(await throwing.write(message('kept'))).not.toBeNull();
    expect(errors).toHaveLength(1);
    expect(store.counts().total).toBe(1);
    await throwing.close();
  });
});
