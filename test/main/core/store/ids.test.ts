// Message ids only ever grow: the UI's keyset paging, removedIds and exports depend on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { MessageEnvelope, NewMessage } from '../../../../src/main/core/messages.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { insert, newMessage } from '../../../helpers/inbox.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function message(body: string, extra: Partial<MessageEnvelope> = {}): NewMessage {
  return newMessage({ body }, { sourceId: 'ntfy', sourceName: 'ntfy', topic: 'alerts', ...extra }, 1024);
}

test('deleting the newest message at its source never lets a later message reuse its id, across restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'herald-ids-'));
  dirs.push(dir);
  const file = join(dir, 'inbox.sqlite');
  let store = MessageStore.open(file);
  const [first, newest] = insert(store, [message('one'), message('two', { foldKey: 'seq-2' })]);
  const removed = store.applyBatch([message('', { op: 'delete', foldKey: 'seq-2' })]);
  expect(removed.removedIds).toEqual([newest!.id]);
  store.close();

  store = MessageStore.open(file);
  const [next] = insert(store, [message('three')]);
  expect(next!.id).toBeGreaterThan(newest!.id);
  expect(store.list({ limit: 10 }).items.map((m) => m.id)).toEqual([next!.id, first!.id]);
  expect(store.counts()).toEqual({ unread: 2, total: 2 });
  store.close();
});
