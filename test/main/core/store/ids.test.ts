// Message ids only ever grow: the UI's keyset paging, removedIds and exports depend on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { decodeFields } from '../../../../src/main/core/decode/decode-fields.ts';
import type { NewMessage } from '../../../../src/main/core/decode/types.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function message(body: string, extra: Partial<NewMessage> = {}): NewMessage {
  return {
    ...decodeFields({ body }, { maxBytes: 1024 }),
    sourceId: 'ntfy',
    sourceName: 'ntfy',
    topic: 'alerts',
    receivedAt: Date.now(),
    ...extra,
  };
}

test('deleting the newest message at its source never lets a later message reuse its id, across restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herald-ids-'));
  dirs.push(dir);
  const file = join(dir, 'inbox.sqlite');
  let store = MessageStore.open(file);
  const [first, newest] = store.insertBatch([message('one'), message('two', { foldKey: 'seq-2' })]);
  const removed = store.applyBatch([message('', { op: 'delete', foldKey: 'seq-2' })]);
  expect(removed.removedIds).toEqual([newest!.id]);
  store.close();

  store = MessageStore.open(file);
  const [next] = store.insertBatch([message('three')]);
  expect(next!.id).toBeGreaterThan(newest!.id);
  expect(store.list({ limit: 10 }).items.map((m) => m.id)).toEqual([next!.id, first!.id]);
  expect(store.counts()).toEqual({ unread: 2, total: 2 });
  store.close();
});
