// A batch goes to the writer worker as columns (message-columns.ts): every message must arrive as it was sent,
// whichever optional fields it carries, and what the worker stores from it must read back the same.
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { NewMessage } from '../../../../../src/main/core/messages.ts';
import { MessageStore } from '../../../../../src/main/core/store/message-store.ts';
import { fromColumns, toColumns } from '../../../../../src/main/core/store/writer/message-columns.ts';
import { WorkerWrites } from '../../../../../src/main/core/store/writer/worker-writes.ts';
import { tempDir } from '../../../../helpers/core.ts';
import { newMessage } from '../../../../helpers/inbox.ts';

const everything: NewMessage = newMessage(
  { title: 'Door', body: 'open', priority: 5, extras: { clickUrl: 'https://example.com/door', tags: ['warning'] } },
  {
    topic: 'home/door',
    properties: { qos: 2, retain: true, userProperties: { room: 'hall' } },
    dedupeKey: 'd-1',
    foldKey: 'f-1',
    cursor: 'c-9',
    releaseInflight: 7,
  },
  4096,
  { action: 'silent', rule: 'Doors', reason: 'quiet hours', notify: false, heldBack: 3 },
);
const binary: NewMessage = newMessage(new Uint8Array([0, 1, 2, 255]), { topic: 'raw/bytes' });
const plain: NewMessage = newMessage('just text');

describe('a batch as columns', () => {
  test('arrives as the messages that were sent, after the copy between threads', () => {
    const sent = [everything, binary, plain];
    const received = fromColumns(structuredClone(toColumns(sent)));
    expect(received).toEqual(sent);
    // Fields a message did not have are not there at all (not present holding undefined).
    expect(Object.keys(received[2]!).sort()).toEqual(Object.keys(plain).sort());
  });

  test('an empty batch stays empty', () => {
    expect(fromColumns(structuredClone(toColumns([])))).toEqual([]);
  });
});

describe('the worker stores what arrives as columns', () => {
  const dir = tempDir('herald-columns-');
  afterEach(() => dir.remove());

  test('a message with every optional field reads back complete', async () => {
    const file = join(dir.path, 'inbox.sqlite');
    const writes = await WorkerWrites.start(file);
    const reader = MessageStore.open(file, { readOnly: true });
    try {
      const { results } = await writes.applyBatch([everything, binary]);
      const [stored, bytes] = results.map((summary) => reader.get(summary!.id)!);
      expect(stored).toMatchObject({
        title: 'Door',
        priority: 5,
        properties: { qos: 2, retain: true, userProperties: { room: 'hall' } },
        extras: { clickUrl: 'https://example.com/door', tags: ['warning'] },
        rule: 'Doors',
        notified: false,
      });
      expect(bytes).toMatchObject({ bodyKind: 'binary', size: 4 });
      expect(reader.cursor('src-1')).toBe('c-9');
    } finally {
      reader.close();
      await writes.close();
    }
  });
});
