// Bulk selection (ctrl toggles, shift selects a run from the anchor, a plain click opens and clears) and how the
// list moves messages between the pinned rows and the pages, and reflects mark unread.
import { describe, expect, it } from 'vitest';
import { inboxReducer, initialInboxState, type InboxState } from '../../../src/renderer/inbox/inbox-state.ts';
import {
  EMPTY_SELECTION,
  actionTargets,
  cursorOf,
  keepListed,
  modeOf,
  nextSelection,
} from '../../../src/renderer/inbox/selection.ts';
import { summary } from '../helpers/summaries.ts';

const message = summary;

describe('selection', () => {
  const order = [9, 8, 7, 6, 5];

  it('toggles with ctrl, selects runs with shift from the anchor, and clears on a plain click', () => {
    expect(modeOf({ shiftKey: false, ctrlKey: true, metaKey: false })).toBe('toggle');
    expect(modeOf({ shiftKey: true, ctrlKey: false, metaKey: false })).toBe('range');
    expect(modeOf({ shiftKey: false, ctrlKey: false, metaKey: false })).toBe('open');

    let s = nextSelection(EMPTY_SELECTION, order, 8, 'open');
    expect([...s.ids]).toEqual([]);
    s = nextSelection(s, order, 6, 'range');
    expect([...s.ids]).toEqual([8, 7, 6]);
    s = nextSelection(s, order, 9, 'range');
    expect([...s.ids]).toEqual([9, 8]);
    s = nextSelection(s, order, 5, 'toggle');
    expect([...s.ids].sort()).toEqual([5, 8, 9]);
    expect(cursorOf(s, 8)).toBe(5);
    s = nextSelection(s, order, 9, 'toggle');
    expect([...s.ids].sort()).toEqual([5, 8]);
    expect(actionTargets(s, 7).sort()).toEqual([5, 8]);
    expect([...keepListed(s, [9, 8, 7]).ids]).toEqual([8]);
    s = nextSelection(s, order, 7, 'open');
    expect(s.ids.size).toBe(0);
    expect(actionTargets(s, 7)).toEqual([7]);
    expect(cursorOf(s, 7)).toBe(7);
  });
});

describe('pins and unread in the list', () => {
  const loaded = (): InboxState =>
    inboxReducer(initialInboxState(), {
      type: 'firstPage',
      query: 0,
      page: { items: [5, 4, 3, 2].map((id) => message(id, true)), nextBefore: 2, pinned: [message(9)] },
    });

  it('moves a pinned message to the top and back to its place', () => {
    let state = loaded();
    expect(state.pinned.map((m) => m.id)).toEqual([9]);
    state = inboxReducer(state, { type: 'pinned', ids: [3], pinned: true });
    expect(state.pinned.map((m) => m.id)).toEqual([9, 3]);
    expect(state.items.map((m) => m.id)).toEqual([5, 4, 2]);
    state = inboxReducer(state, { type: 'pinned', ids: [3, 9], pinned: false });
    expect(state.pinned).toEqual([]);
    expect(state.items.map((m) => m.id)).toEqual([9, 5, 4, 3, 2]);
  });

  it('marks unread, pushed or local, and removes deleted rows from both lists', () => {
    let state = inboxReducer(loaded(), { type: 'markedUnread', ids: [4] });
    expect(state.items.find((m) => m.id === 4)?.read).toBe(false);
    state = inboxReducer(state, {
      type: 'changed',
      change: { added: [], addedCount: 0, unreadIds: [5], readIds: [9], unread: 0, total: 0 },
    });
    expect(state.items.find((m) => m.id === 5)?.read).toBe(false);
    expect(state.pinned[0]?.read).toBe(true);
    state = inboxReducer(state, { type: 'removed', ids: [9, 4] });
    expect(state.pinned).toEqual([]);
    expect(state.items.map((m) => m.id)).toEqual([5, 3, 2]);
  });
});
