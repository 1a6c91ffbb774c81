// The pipeline every host and harness uses: what a source hands over is decoded, keeps its whole envelope,
// and is committed before the sink resolves.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { MessageSummary } from '../../../../src/shared/model.ts';
import type { IncomingMessage, MessageEnvelope } from '../../../../src/main/core/messages.ts';
import { createPipeline } from '../../../../src/main/core/pipeline/pipeline.ts';
import { toNewMessage } from '../../../../src/main/core/pipeline/to-new-message.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { tempDir } from '../../../helpers/core.ts';
import { StoreWrites } from '../../../../src/main/core/store/inbox-writes.ts';

const envelope: Required<MessageEnvelope> = {
  sourceId: 'ntfy-1',
  sourceName: 'Office ntfy',
  topic: 'alerts',
  receivedAt: 1_700_000_000_000,
  properties: { event: 'message' },
  dedupeKey: 'id-1',
  foldKey: 'alerts/job',
  op: 'store',
  cursor: 'id-1',
  releaseInflight: 12,
};

describe('toNewMessage', () => {
  test('passes every envelope field through and decodes a raw payload', () => {
    const message = toNewMessage(
      { ...envelope, payload: new TextEncoder().encode('{"title":"Door","message":"open"}') },
      { maxBytes: 1024 },
    );
    expect(message).toMatchObject({ ...envelope, title: 'Door', preview: 'open', bodyKind: 'json' });
    expect(message).not.toHaveProperty('payload');
  });

  test('takes the fields a push server separated instead of decoding', () => {
    const message = toNewMessage(
      { ...envelope, fields: { title: 'Backup', body: 'done', priority: 5 } },
      { maxBytes: 1024 },
    );
    expect(message).toMatchObject({ ...envelope, title: 'Backup', body: 'done', priority: 5, bodyKind: 'text' });
    expect(message).not.toHaveProperty('fields');
  });

  test('a message with neither is stored as an empty text', () => {
    expect(toNewMessage({ ...envelope }, { maxBytes: 1024 })).toMatchObject({ body: '', size: 0, bodyKind: 'text' });
  });
});

describe('createPipeline', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: MessageStore;
  beforeEach(() => {
    dir = tempDir();
    store = MessageStore.open(`${dir.path}/inbox.sqlite`);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  test('the sink resolves after the commit, with the cursor saved and the QoS 2 packet released in it', async () => {
    const committed: MessageSummary[][] = [];
    const pipeline = createPipeline({
      writes: new StoreWrites(store),
      maxPayloadBytes: () => 1024,
      onCommitted: (messages) => committed.push(messages.map((m) => m.summary)),
    });
    store.inflightFor('ntfy-1').put(12, new Uint8Array([1, 2, 3]));
    const incoming: IncomingMessage = { ...envelope, fields: { body: 'first' } };
    const summary = (await pipeline.sink(incoming)) as MessageSummary;
    expect(summary).toMatchObject({ preview: 'first', sourceName: 'Office ntfy' });
    expect(committed).toEqual([[summary]]);
    expect(store.cursor('ntfy-1')).toBe('id-1');
    expect(store.inflightFor('ntfy-1').get(12)).toBeUndefined();
    // Same dedupe key: recognised, not stored twice.
    await expect(pipeline.sink(incoming)).resolves.toBeNull();
    await pipeline.close();
    expect(store.counts()).toEqual({ unread: 1, total: 1 });
  });

  test('reads the payload cap for every message, so a settings change applies to the next one', async () => {
    let cap = 1024;
    const pipeline = createPipeline({ writes: new StoreWrites(store), maxPayloadBytes: () => cap });
    const big = { ...envelope, dedupeKey: undefined, foldKey: undefined, payload: new Uint8Array(2000).fill(0x61) };
    expect(await pipeline.sink(big)).toMatchObject({ truncated: true, size: 2000 });
    cap = 4096;
    expect(await pipeline.sink(big)).toMatchObject({ truncated: false, size: 2000 });
    await pipeline.close();
  });

  test('after close the sink refuses messages instead of losing them silently', async () => {
    const pipeline = createPipeline({ writes: new StoreWrites(store), maxPayloadBytes: () => 1024 });
    await pipeline.close();
    await expect(pipeline.sink({ ...envelope, fields: { body: 'late' } })).rejects.toThrow(
      /closed; the message was not stored/,
    );
  });
});
