// Connects the inbox reducer to main: first page on start / filter change, older pages on demand (keyset),
// pushed batches prepended, and a first-page refresh when a batch was too big to push whole or we reconnected.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';
import { inboxReducer, initialInboxState, type InboxFilters, type InboxState } from './inbox-state.ts';
import { errorMessage } from '../../shared/error-message.ts';

export const PAGE_SIZE = 100;

export interface InboxHandle {
  state: InboxState;
  /** Fetches the next older page; after a failure only when `retry` is set, so a broken link does not spin. */
  loadOlder(retry?: boolean): void;
  /** Reflects a markRead we just did, before its inbox.changed event comes back. */
  markedRead(ids: number[]): void;
  markedUnread(ids: number[]): void;
  markedAllRead(): void;
  /** Reflects a pin or unpin we just did (pins are not pushed as events). */
  pinned(ids: number[], pinned: boolean): void;
  /** Reflects a deletion we just did, before its inbox.changed event comes back. */
  removed(ids: number[]): void;
  /** Starts the current query over (after an error). */
  reload(): void;
}

const NO_FILTERS: InboxFilters = {};

/** The `inbox.list` request for the state's query (its first page; add `before` for older ones). */
function request(state: InboxState) {
  const { search, ...rest } = state.filters;
  const trimmed = search?.trim();
  return { limit: PAGE_SIZE, unreadOnly: state.unreadOnly, ...rest, ...(trimmed ? { search: trimmed } : {}) };
}

export function useInbox(unreadOnly: boolean, filters: InboxFilters = NO_FILTERS): InboxHandle {
  const client = useClient();
  const { epoch } = useLinkStatus();
  const [state, dispatch] = useReducer(inboxReducer, unreadOnly, (only) => initialInboxState(only, filters));
  const filtersKey = JSON.stringify(filters);
  // Async callbacks read the state as it is when they run, not as it was when they were created.
  const latest = useRef(state);
  latest.current = state;
  const queryCounter = useRef(0);
  const refreshing = useRef(false);

  useEffect(() => client.on('inbox.changed', (change) => dispatch({ type: 'changed', change })), [client]);

  const reload = useCallback(() => {
    dispatch({
      type: 'reset',
      query: ++queryCounter.current,
      unreadOnly,
      filters: JSON.parse(filtersKey) as InboxFilters,
    });
  }, [unreadOnly, filtersKey]);

  // A new filter is a new query.
  useEffect(() => {
    const current = latest.current;
    if (current.unreadOnly !== unreadOnly || JSON.stringify(current.filters) !== filtersKey) reload();
  }, [unreadOnly, filtersKey, reload]);

  // Load the first page of the current query once we are connected.
  const { query, loaded } = state;
  useEffect(() => {
    if (epoch === 0 || loaded) return;
    client.invoke('inbox.list', request(latest.current)).then(
      (page) => dispatch({ type: 'firstPage', query, page }),
      (err: unknown) => dispatch({ type: 'failed', query, message: errorMessage(err) }),
    );
  }, [client, epoch, query, loaded]);

  const refresh = useCallback(() => {
    if (refreshing.current) return;
    refreshing.current = true;
    dispatch({ type: 'refreshStarted' });
    const { query: current } = latest.current;
    client
      .invoke('inbox.list', request(latest.current))
      .then(
        (page) => dispatch({ type: 'firstPage', query: current, page }),
        (err: unknown) => dispatch({ type: 'failed', query: current, message: errorMessage(err) }),
      )
      .finally(() => {
        refreshing.current = false;
        // Another oversized batch may have arrived while this page was on its way.
        if (latest.current.needsRefresh) refresh();
      });
  }, [client]);

  // Reconnected after a drop: events were missed. Refresh in place so scroll position and loaded pages stay.
  const seenEpoch = useRef(epoch);
  useEffect(() => {
    const previous = seenEpoch.current;
    seenEpoch.current = epoch;
    if (previous > 0 && epoch > previous && latest.current.loaded) refresh();
  }, [epoch, refresh]);

  useEffect(() => {
    if (state.needsRefresh && state.loaded) refresh();
  }, [state.needsRefresh, state.loaded, refresh]);

  const loadOlder = useCallback(
    (retry = false) => {
      const { loaded: ready, loadingOlder, nextBefore, error, query: current } = latest.current;
      if (!ready || loadingOlder || nextBefore === null || (error && !retry)) return;
      dispatch({ type: 'olderRequested' });
      client.invoke('inbox.list', { ...request(latest.current), before: nextBefore }).then(
        (page) => dispatch({ type: 'olderPage', query: current, before: nextBefore, page }),
        (err: unknown) => dispatch({ type: 'failed', query: current, message: errorMessage(err) }),
      );
    },
    [client],
  );

  const markedRead = useCallback((ids: number[]) => dispatch({ type: 'markedRead', ids }), []);

  const markedUnread = useCallback((ids: number[]) => dispatch({ type: 'markedUnread', ids }), []);

  const markedAllRead = useCallback(() => dispatch({ type: 'markedAllRead' }), []);

  const pinned = useCallback((ids: number[], pin: boolean) => dispatch({ type: 'pinned', ids, pinned: pin }), []);

  const removed = useCallback((ids: number[]) => dispatch({ type: 'removed', ids }), []);

  return { state, loadOlder, markedRead, markedUnread, markedAllRead, pinned, removed, reload };
}
