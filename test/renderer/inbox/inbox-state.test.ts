// The inbox list's paging rules, without React or a server: pushed messages are prepended, oversized batches
// trigger a refresh that never leaves a hole, and late pages of an old query are dropped.
import { describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../../src/shared/model.ts';
import {
  inboxReducer,
  initialInboxState,
  mergeNewestFirst,
  selectionAfterRemoval,
  type InboxState,
} from '../../../src/renderer/inbox/inbox-state.ts';
import { summary } from '../helpers/summaries.ts';

const message = summary;
const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => message(from - i));
const ids = (state: InboxState) => state.items.map((item) => item.id);
const change = (
  added: MessageSummary[],
  extra: Partial<{ addedCount: number; readIds: number[]; removedIds: number[]; allRead: boolean }> = {},
) => ({
  type: 'changed' as const,
  change: { added, addedCount: extra.addedCount ?? added.length, unread: 0, total: 0, ...extra },
});

function loaded(items: MessageSummary[], nextBefore: number | null): InboxState {
  const reset = inboxReducer(initialInboxState(), { type: 'reset', query: 1, unreadOnly: false });
  return inboxReducer(reset, { type: 'firstPage', query: 1, page: { items, nextBefore } });
}

describe('inbox state', () => {
  it('loads the first page and appends older pages by cursor', () => {
    let state = loaded(range(300, 201), 201);
    expect(state.loaded).toBe(true);
    state = inboxReducer(state, { type: 'olderRequested' });
    state = inboxReducer(state, {
      type: 'olderPage',
      query: 1,
      before: 201,
      page: { items: range(200, 101), nextBefore: 101 },
    });
    expect(ids(state)).toEqual(range(300, 101).map((m) => m.id));
    expect(state.nextBefore).toBe(101);
    expect(state.loadingOlder).toBe(false);
  });

  it('drops an older page that no longer continues the list', () => {
    const state = loaded(range(300, 201), 201);
    const next = inboxReducer(state, {
      type: 'olderPage',
      query: 1,
      before: 999,
      page: { items: range(50, 1), nextBefore: null },
    });
    expect(ids(next)).toEqual(ids(state));
  });

  it('drops pages of a previous query', () => {
    let state = inboxReducer(initialInboxState(), { type: 'reset', query: 2, unreadOnly: true });
    state = inboxReducer(state, { type: 'firstPage', query: 1, page: { items: range(5, 1), nextBefore: null } });
    expect(state.loaded).toBe(false);
    expect(state.items).toEqual([]);
  });

  it('prepends pushed messages newest first without duplicates', () => {
    let state = loaded(range(10, 1), null);
    state = inboxReducer(state, change([message(12), message(11), message(10)]));
    expect(ids(state)).toEqual([12, 11, ...range(10, 1).map((m) => m.id)]);
    expect(state.needsRefresh).toBe(false);
  });

  it('keeps messages pushed while the first page was loading', () => {
    let state = inboxReducer(initialInboxState(), { type: 'reset', query: 1, unreadOnly: false });
    state = inboxReducer(state, change([message(11)]));
    state = inboxReducer(state, { type: 'firstPage', query: 1, page: { items: range(10, 1), nextBefore: null } });
    expect(ids(state)).toEqual([11, ...range(10, 1).map((m) => m.id)]);
  });

  it('asks for a refresh when a batch carried fewer messages than arrived', () => {
    let state = loaded(range(10, 1), null);
    state = inboxReducer(state, change(range(210, 11), { addedCount: 500 }));
    expect(state.needsRefresh).toBe(true);
    state = inboxReducer(state, { type: 'refreshStarted' });
    expect(state.needsRefresh).toBe(false);
  });

  it('leaves no hole when a batch carried only its newest messages', () => {
    let state = loaded(range(10, 1), null);
    // 500 arrived (11..510); the event carried the newest 200.
    state = inboxReducer(state, change(range(510, 311), { addedCount: 500 }));
    expect(ids(state)).toEqual(range(10, 1).map((m) => m.id));
    state = inboxReducer(state, { type: 'refreshStarted' });
    state = inboxReducer(state, { type: 'firstPage', query: 1, page: { items: range(510, 411), nextBefore: 411 } });
    expect(ids(state)).toEqual(range(510, 411).map((m) => m.id));
    expect(state.nextBefore).toBe(411);
  });

  it('merges a refreshed first page that reaches what it holds, keeping the cursor', () => {
    let state = loaded(range(300, 201), 201);
    state = inboxReducer(state, { type: 'firstPage', query: 1, page: { items: range(350, 251), nextBefore: 251 } });
    expect(ids(state)).toEqual(range(350, 201).map((m) => m.id));
    expect(state.nextBefore).toBe(201);
  });

  it('replaces the list when a refreshed first page would leave a hole', () => {
    let state = loaded(range(300, 201), 201);
    state = inboxReducer(state, { type: 'firstPage', query: 1, page: { items: range(1000, 901), nextBefore: 901 } });
    expect(ids(state)).toEqual(range(1000, 901).map((m) => m.id));
    expect(state.nextBefore).toBe(901);
  });

  it('applies read ids and all-read, keeping the rows', () => {
    let state = loaded(range(3, 1), null);
    state = inboxReducer(state, change([], { readIds: [2] }));
    expect(state.items.map((m) => m.read)).toEqual([false, true, false]);
    state = inboxReducer(state, change([], { allRead: true }));
    expect(state.items.every((m) => m.read)).toBe(true);
    expect(state.items).toHaveLength(3);
  });

  it('drops entries removed at the source, keeping the paging cursor', () => {
    let state = loaded(range(10, 6), 6);
    state = inboxReducer(state, change([], { removedIds: [9, 6, 42] }));
    expect(ids(state)).toEqual([10, 8, 7]);
    // The cursor is an id bound: the next page still starts below the oldest row that was loaded.
    expect(state.nextBefore).toBe(6);
  });

  it('replaces a folded entry by its newer version arriving in the same batch', () => {
    let state = loaded(range(10, 1), null);
    state = inboxReducer(state, change([message(11)], { removedIds: [4] }));
    expect(ids(state)).toEqual([11, 10, 9, 8, 7, 6, 5, 3, 2, 1]);
  });

  it('removes a message that arrives and is deleted within one batch', () => {
    let state = loaded(range(3, 1), null);
    state = inboxReducer(state, change([message(5), message(4)], { removedIds: [4] }));
    expect(ids(state)).toEqual([5, 3, 2, 1]);
  });

  it('keeps the list object when a removal does not concern it', () => {
    const state = loaded(range(3, 1), null);
    const next = inboxReducer(state, change([], { removedIds: [99] }));
    expect(next.items).toBe(state.items);
  });

  it('leaves read messages out of an unread-only list', () => {
    let state = inboxReducer(initialInboxState(true), { type: 'reset', query: 1, unreadOnly: true });
    state = inboxReducer(state, { type: 'firstPage', query: 1, page: { items: [message(1)], nextBefore: null } });
    state = inboxReducer(state, change([message(3), message(2, true)]));
    expect(ids(state)).toEqual([3, 1]);
  });
});

describe('mergeNewestFirst', () => {
  it('interleaves by id and prefers the first list for shared ids', () => {
    const fresh = [message(5, true), message(3, true)];
    const held = [message(4), message(3), message(2)];
    const merged = mergeNewestFirst(fresh, held);
    expect(merged.map((m) => m.id)).toEqual([5, 4, 3, 2]);
    expect(merged.find((m) => m.id === 3)?.read).toBe(true);
  });
});

describe('selectionAfterRemoval', () => {
  it('closes the detail when the message on show was removed, and only then', () => {
    expect(selectionAfterRemoval(7, [3, 7])).toBeNull();
    expect(selectionAfterRemoval(7, [3])).toBe(7);
    expect(selectionAfterRemoval(7, undefined)).toBe(7);
    expect(selectionAfterRemoval(null, [7])).toBeNull();
  });
});
