// The inbox list as a pure reducer, so the paging rules can be read (and tested) apart from React.
//
// Invariant: `items` is a contiguous run of the server's list, newest first, from the newest matching message
// down to the oldest page loaded so far. That is what makes keyset paging (`before` = oldest loaded id) and
// prepending pushed messages correct without ever refetching what we already have. Pinned messages are not
// in that run: they come with the first page in `pinned`, shown above it.
import type { EventPayload } from '../../shared/contract.ts';
import type { MessageSummary } from '../../shared/model.ts';

export interface InboxPage {
  items: MessageSummary[];
  nextBefore: number | null;
  pinned?: MessageSummary[];
  /** How a search was done, when the server has something to say about it. */
  notice?: string;
}

/** Search and filters besides "unread only" (all optional, as `inbox.list` takes them). */
export interface InboxFilters {
  search?: string;
  sourceId?: string;
  topic?: string;
  minPriority?: number;
  since?: number;
  until?: number;
  has?: 'attachment' | 'actions';
}

export function hasFilters(filters: InboxFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined && value !== '');
}

export interface InboxState {
  items: MessageSummary[];
  /** Pinned messages that match, newest first, shown above `items`. */
  pinned: MessageSummary[];
  /** Cursor for the next older page; null once the oldest message is loaded. */
  nextBefore: number | null;
  /** False until the first page of the current query arrived. */
  loaded: boolean;
  loadingOlder: boolean;
  unreadOnly: boolean;
  filters: InboxFilters;
  /** The server's note on the current search, if any. */
  notice: string | null;
  /** Bumped when the query changes, so pages requested for an older query are dropped. */
  query: number;
  /** A pushed batch was larger than what it carried: the first page must be fetched again. */
  needsRefresh: boolean;
  error: string | null;
}

export type InboxAction =
  | { type: 'reset'; query: number; unreadOnly: boolean; filters?: InboxFilters }
  | { type: 'refreshStarted' }
  | { type: 'firstPage'; query: number; page: InboxPage }
  | { type: 'olderRequested' }
  | { type: 'olderPage'; query: number; before: number; page: InboxPage }
  | { type: 'failed'; query: number; message: string }
  | { type: 'changed'; change: EventPayload<'inbox.changed'> }
  | { type: 'markedRead'; ids: number[] }
  | { type: 'markedUnread'; ids: number[] }
  | { type: 'markedAllRead' }
  | { type: 'pinned'; ids: number[]; pinned: boolean }
  | { type: 'removed'; ids: number[] };

export function initialInboxState(unreadOnly = false, filters: InboxFilters = {}): InboxState {
  return {
    items: [],
    pinned: [],
    nextBefore: null,
    loaded: false,
    loadingOlder: false,
    unreadOnly,
    filters,
    notice: null,
    query: 0,
    needsRefresh: false,
    error: null,
  };
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'reset':
      return { ...initialInboxState(action.unreadOnly, action.filters), query: action.query };

    case 'refreshStarted':
      return { ...state, needsRefresh: false };

    case 'firstPage': {
      if (action.query !== state.query) return state;
      const { page } = action;
      const base = {
        ...state,
        loaded: true,
        error: null,
        notice: page.notice ?? null,
        pinned: page.pinned ?? state.pinned,
      };
      // Before the first load anything we hold came from events during the request: merging is safe.
      // Afterwards the page must reach down to what we hold, or there would be a hole between the two.
      const reaches =
        !state.loaded ||
        state.items.length === 0 ||
        page.nextBefore === null ||
        page.items.some((item) => item.id <= state.items[0]!.id);
      if (!reaches) return { ...base, items: page.items, nextBefore: page.nextBefore };
      return {
        ...base,
        items: mergeNewestFirst(page.items, state.items),
        nextBefore: state.loaded && state.items.length > 0 ? state.nextBefore : page.nextBefore,
      };
    }

    case 'olderRequested':
      return { ...state, loadingOlder: true, error: null };

    case 'olderPage': {
      if (action.query !== state.query) return state;
      // A refresh may have replaced the list while this page was on its way; then it no longer fits.
      if (state.nextBefore !== action.before) return { ...state, loadingOlder: false };
      return {
        ...state,
        loadingOlder: false,
        items: mergeNewestFirst(state.items, action.page.items),
        nextBefore: action.page.nextBefore,
      };
    }

    case 'failed':
      if (action.query !== state.query) return state;
      return { ...state, loadingOlder: false, error: action.message };

    case 'changed': {
      const { change } = action;
      let items = state.items;
      let pinned = state.pinned;
      if (change.allRead) {
        items = allRead(items);
        pinned = allRead(pinned);
      } else if (change.readIds?.length) {
        items = withRead(items, change.readIds, true);
        pinned = withRead(pinned, change.readIds, true);
      }
      if (change.unreadIds?.length) {
        items = withRead(items, change.unreadIds, false);
        pinned = withRead(pinned, change.unreadIds, false);
      }
      const newestId = items[0]?.id ?? 0;
      // With a search or filters only the server can tell which new messages match: fetch the first page again.
      const filtered = hasFilters(state.filters);
      const incomplete = change.addedCount > (filtered ? 0 : change.added.length);
      // A batch that carried only its newest messages is not prepended: the ones it left out would be a hole
      // between it and the rows below (which the refreshed first page, reaching it, would keep). The refresh
      // shows them instead, and a burst costs one render per batch rather than two.
      const fresh = incomplete
        ? []
        : change.added.filter((item) => item.id > newestId && (!state.unreadOnly || !item.read));
      if (fresh.length) items = [...fresh, ...items];
      // After adding: a batch may carry a message and, later in the same batch, the newer version replacing it.
      if (change.removedIds?.length) {
        items = without(items, change.removedIds);
        pinned = without(pinned, change.removedIds);
      }
      return { ...state, items, pinned, needsRefresh: state.needsRefresh || incomplete };
    }

    case 'markedRead':
    case 'markedUnread': {
      const read = action.type === 'markedRead';
      return {
        ...state,
        items: withRead(state.items, action.ids, read),
        pinned: withRead(state.pinned, action.ids, read),
      };
    }

    case 'markedAllRead':
      return { ...state, items: allRead(state.items), pinned: allRead(state.pinned) };

    case 'pinned':
      return action.pinned ? pin(state, action.ids) : unpin(state, action.ids);

    case 'removed':
      return { ...state, items: without(state.items, action.ids), pinned: without(state.pinned, action.ids) };
  }
}

/** Moves loaded messages up into the pinned list. */
function pin(state: InboxState, ids: number[]): InboxState {
  const chosen = new Set(ids);
  const moved = state.items.filter((item) => chosen.has(item.id)).map((item) => ({ ...item, pinned: true }));
  if (moved.length === 0) return state;
  return {
    ...state,
    items: state.items.filter((item) => !chosen.has(item.id)),
    pinned: mergeNewestFirst(state.pinned, moved),
  };
}

/** Moves messages back from the pinned list to their place in the list, when that place is loaded. */
function unpin(state: InboxState, ids: number[]): InboxState {
  const chosen = new Set(ids);
  const moved = state.pinned.filter((item) => chosen.has(item.id)).map((item) => ({ ...item, pinned: false }));
  if (moved.length === 0) return state;
  // Below the oldest loaded page it will come with a later page.
  const inRange = moved.filter((item) => state.nextBefore === null || item.id > state.nextBefore);
  return {
    ...state,
    pinned: state.pinned.filter((item) => !chosen.has(item.id)),
    items: mergeNewestFirst(state.items, inRange),
  };
}

function allRead(items: MessageSummary[]): MessageSummary[] {
  return items.some((item) => !item.read) ? items.map((item) => (item.read ? item : { ...item, read: true })) : items;
}

/** Marks ids read (or unread), keeping the rows: in "unread only" a row that vanished on click would be
 * disorienting. */
function withRead(items: MessageSummary[], ids: number[], read: boolean): MessageSummary[] {
  const chosen = new Set(ids);
  let changed = false;
  const next = items.map((item) => {
    if (item.read === read || !chosen.has(item.id)) return item;
    changed = true;
    return { ...item, read };
  });
  return changed ? next : items;
}

/** Drops entries deleted at the source or replaced by a newer version. The paging cursor stays valid: it is an
 * id bound, not a row, so the next page still starts below it. */
function without(items: MessageSummary[], ids: number[]): MessageSummary[] {
  const removed = new Set(ids);
  return items.some((item) => removed.has(item.id)) ? items.filter((item) => !removed.has(item.id)) : items;
}

/** Union of two newest-first lists by id; `preferred` wins for ids in both (it is the fresher copy). */
export function mergeNewestFirst(preferred: MessageSummary[], other: MessageSummary[]): MessageSummary[] {
  if (other.length === 0) return preferred;
  if (preferred.length === 0) return other;
  // The common cases are disjoint runs: a page older than everything, or messages newer than everything.
  if (preferred.at(-1)!.id > other[0]!.id) return [...preferred, ...other];
  if (other.at(-1)!.id > preferred[0]!.id) return [...other, ...preferred];
  const merged: MessageSummary[] = [];
  let i = 0;
  let j = 0;
  while (i < preferred.length || j < other.length) {
    const a = preferred[i];
    const b = other[j];
    if (b === undefined || (a !== undefined && a.id > b.id)) {
      merged.push(a!);
      i++;
    } else if (a === undefined || b.id > a.id) {
      merged.push(b);
      j++;
    } else {
      merged.push(a);
      i++;
      j++;
    }
  }
  return merged;
}

/** The selection once entries are removed: a detail showing a removed message closes. */
export function selectionAfterRemoval(
  selectedId: number | null,
  removedIds: readonly number[] | undefined,
): number | null {
  return selectedId !== null && removedIds?.includes(selectedId) ? null : selectedId;
}
