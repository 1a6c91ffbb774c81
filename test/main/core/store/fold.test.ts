// The inbox side of push servers' updates: entries fold by (source, fold key), deletes and clears apply to
// them, and each source's cursor is written in the same transaction as the message it belongs to.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { MessageEnvelope, NewMessage } from '../../../../src/main/core/messages.ts';
import { MessageStore } from '../../../../src/main/core/store/message-store.ts';
import { tempDir } from '../../../helpers/core.ts';
import { newMessage } from '../../../helpers/inbox.ts';

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

function message(body: string, extra: Partial<MessageEnvelope> = {}): NewMessage {
  return newMessage(
    { title: 'Backup', body },
    { sourceId: 'ntfy-1', sourceName: 'Office ntfy', topic: 'alerts', ...extra },
  );
}

const bodies = () =>
  store
    .list({ limit: 100 })
    .items.reverse()
    .map((m) => m.preview);

describe('folding updates', () => {
  test('a message with the fold key of an entry replaces it: one entry, the new body, unread again', () => {
    const [first] = store.applyBatch([message('started', { foldKey: 'alerts/job', dedupeKey: 'r1' })]).results;
    store.markRead([first!.id]);
    const outcome = store.applyBatch([message('50 %', { foldKey: 'alerts/job', dedupeKey: 'r2' })]);
    expect(outcome.removedIds).toEqual([first!.id]);
    expect(outcome.results[0]).toMatchObject({ preview: '50 %', read: false });
    expect(outcome.results[0]!.id).toBeGreaterThan(first!.id);
    expect(bodies()).toEqual(['50 %']);
    expect(store.get(first!.id)).toBeNull();
    expect(store.counts()).toEqual({ total: 1, unread: 1 });
  });

  test('revisions in one batch leave only the last; counts stay right', () => {
    const outcome = store.applyBatch([
      message('rev 1', { foldKey: 'alerts/job', dedupeKey: 'r1' }),
      message('other'),
      message('rev 2', { foldKey: 'alerts/job', dedupeKey: 'r2' }),
      message('rev 3', { foldKey: 'alerts/job', dedupeKey: 'r3' }),
    ]);
    expect(outcome.removedIds).toEqual([outcome.results[0]!.id, outcome.results[2]!.id]);
    expect(bodies()).toEqual(['other', 'rev 3']);
    expect(store.counts()).toEqual({ total: 2, unread: 2 });
  });

  test('fold keys belong to their source: the same key from another source is another entry', () => {
    store.applyBatch([message('from ntfy', { foldKey: 'alerts/job' })]);
    store.applyBatch([message('from elsewhere', { foldKey: 'alerts/job', sourceId: 'other-source' })]);
    expect(bodies()).toEqual(['from ntfy', 'from elsewhere']);
  });

  test('a replayed revision that is still in the inbox is a duplicate: nothing changes', () => {
    const [kept] = store.applyBatch([message('rev 2', { foldKey: 'alerts/job', dedupeKey: 'r2' })]).results;
    store.markRead([kept!.id]);
    const outcome = store.applyBatch([message('rev 2', { foldKey: 'alerts/job', dedupeKey: 'r2' })]);
    expect(outcome).toEqual({ results: [null], removedIds: [], readIds: [] });
    expect(store.get(kept!.id)).toMatchObject({ read: true });
  });
});

describe('delete and clear', () => {
  test('delete removes the entry of the key and reports it; an unknown key changes nothing', () => {
    const [gone, stays] = store.applyBatch([message('doomed', { foldKey: 'alerts/tmp' }), message('stays')]).results;
    const outcome = store.applyBatch([
      message('', { op: 'delete', foldKey: 'alerts/tmp' }),
      message('', { op: 'delete', foldKey: 'alerts/never-seen' }),
    ]);
    expect(outcome).toEqual({ results: [null, null], removedIds: [gone!.id], readIds: [] });
    expect(bodies()).toEqual(['stays']);
    expect(store.counts()).toEqual({ total: 1, unread: 1 });
    expect(store.get(stays!.id)).not.toBeNull();
  });

  test('clear marks the entry read and reports it once; the unread count follows', () => {
    const [entry] = store.applyBatch([message('toner low', { foldKey: 'alerts/toner' }), message('other')]).results;
    const outcome = store.applyBatch([message('', { op: 'clear', foldKey: 'alerts/toner' })]);
    expect(outcome.readIds).toEqual([entry!.id]);
    expect(store.get(entry!.id)).toMatchObject({ read: true, preview: 'toner low' });
    expect(store.counts()).toEqual({ total: 2, unread: 1 });
    expect(store.applyBatch([message('', { op: 'clear', foldKey: 'alerts/toner' })]).readIds).toEqual([]);
  });

  test('deleting a read entry leaves the unread count alone', () => {
    const [entry] = store.applyBatch([message('read already', { foldKey: 'alerts/x' })]).results;
    store.markRead([entry!.id]);
    store.applyBatch([message('', { op: 'delete', foldKey: 'alerts/x' })]);
    expect(store.counts()).toEqual({ total: 0, unread: 0 });
  });
});

describe('cursors', () => {
  test('saved with each message, duplicate or not, and with deletes and clears', () => {
    expect(store.cursor('ntfy-1')).toBeUndefined();
    store.applyBatch([message('a', { dedupeKey: 'a', cursor: 'a' })]);
    expect(store.cursor('ntfy-1')).toBe('a');
    store.applyBatch([message('a', { dedupeKey: 'a', cursor: 'b' })]);
    expect(store.cursor('ntfy-1')).toBe('b');
    store.applyBatch([message('', { op: 'clear', foldKey: 'alerts/none', cursor: 'c' })]);
    store.applyBatch([message('', { op: 'delete', foldKey: 'alerts/none', cursor: 'd' })]);
    expect(store.cursor('ntfy-1')).toBe('d');
    expect(store.cursor('other-source')).toBeUndefined();
  });

  test('a batch leaves each source at the last cursor it carried, whichever messages were stored', () => {
    store.applyBatch([
      message('one', { cursor: 'n1' }),
      message('two', { cursor: 'n2', dedupeKey: 'dup' }),
      message('from gotify', { sourceId: 'gotify-1', cursor: 'g7' }),
      message('two again', { cursor: 'n3', dedupeKey: 'dup' }),
      message('no cursor'),
    ]);
    expect(store.cursor('ntfy-1')).toBe('n3');
    expect(store.cursor('gotify-1')).toBe('g7');
  });

  test('a batch that fails stores neither its messages nor its cursors', () => {
    store.applyBatch([message('committed', { cursor: 'c1' })]);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() =>
      store.applyBatch([
        message('in the failed batch', { cursor: 'c2' }),
        message('cannot be written', { cursor: 'c3', properties: circular }),
      ]),
    ).toThrow();
    expect(store.cursor('ntfy-1')).toBe('c1');
    expect(bodies()).toEqual(['committed']);
    expect(store.counts()).toEqual({ total: 1, unread: 1 });
  });

  test('folded entries and the cursor survive closing and reopening the inbox', () => {
    store.applyBatch([message('rev 1', { foldKey: 'alerts/job', cursor: 'r1' })]);
    store.applyBatch([message('rev 2', { foldKey: 'alerts/job', cursor: 'r2' })]);
    store.close();
    store = MessageStore.open(`${dir.path}/inbox.sqlite`);
    expect(bodies()).toEqual(['rev 2']);
    expect(store.cursor('ntfy-1')).toBe('r2');
    store.applyBatch([message('rev 3', { foldKey: 'alerts/job' })]);
    expect(bodies()).toEqual(['rev 3']);
  });
});
