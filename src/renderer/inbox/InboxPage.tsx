// The inbox: toolbar (counts, filter, mark all read), the virtualised list and the detail pane.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseSearchQuery } from '../../shared/search-query.ts';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';
import { InboxList } from './InboxList.tsx';
import { MessageDetailPane } from './MessageDetail.tsx';
import { SearchTermsContext } from './Highlight.tsx';
import { hasFilters, selectionAfterRemoval, type InboxFilters } from './inbox-state.ts';
import { SearchBar, type SourceOption } from './SearchBar.tsx';
import { useInbox } from './use-inbox.ts';
import { useMessage } from './use-message.ts';
import { errorMessage } from '../../shared/error-message.ts';

/** A request from outside the page (notification click, `ui.openMessage`) to show a message or the newest. */
export interface OpenRequest {
  id?: number;
  seq: number;
}

interface InboxPageProps {
  unread: number;
  total: number;
  openRequest: OpenRequest | null;
  /** The embedded broker's address, for the "how to send a first message" hint. */
  broker: BrokerAddress | null;
  /** For the source filter. */
  sources?: readonly SourceOption[];
  /** While older messages are being indexed for search. */
  searchIndex?: { indexed: number; total: number } | null;
  onUnreadChanged(unread: number): void;
}

export function InboxPage(props: InboxPageProps) {
  const { unread, total, openRequest, broker, onUnreadChanged } = props;
  const client = useClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [filters, setFilters] = useState<InboxFilters>({});
  const inbox = useInbox(unreadOnly, filters);
  const { items, loaded, nextBefore, loadingOlder, error, notice } = inbox.state;
  const filtered = hasFilters(filters);
  // The terms of the search on show (not of what is still being typed), for highlighting.
  const terms = useMemo(() => parseSearchQuery(inbox.state.filters.search ?? ''), [inbox.state.filters.search]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [revealSeq, setRevealSeq] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  // A "not connected" error is stale once we are back.
  const { epoch } = useLinkStatus();
  useEffect(() => setActionError(null), [epoch]);

  const [removedNotice, setRemovedNotice] = useState(false);
  // The event listener below is registered once; it reads the selection as it is when an event arrives.
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;

  const select = useCallback((id: number, reveal: boolean) => {
    setSelectedId(id);
    setRemovedNotice(false);
    if (reveal) setRevealSeq((seq) => seq + 1);
  }, []);

  // A message deleted at its source (or replaced by a newer version) must not stay open as if it still existed.
  useEffect(
    () =>
      client.on('inbox.changed', ({ removedIds }) => {
        const current = selectedRef.current;
        if (selectionAfterRemoval(current, removedIds) === current) return;
        setSelectedId(null);
        setRemovedNotice(true);
      }),
    [client],
  );

  const { markedRead } = inbox;
  const onMarkedRead = useCallback(
    (id: number, unreadNow: number) => {
      markedRead([id]);
      onUnreadChanged(unreadNow);
    },
    [markedRead, onUnreadChanged],
  );
  const message = useMessage(selectedId, onMarkedRead);

  // Open the requested message, or the newest one for a burst notification.
  useEffect(() => {
    if (!openRequest) return;
    const id = openRequest.id ?? items[0]?.id;
    if (id !== undefined) select(id, true);
    // Only a new request should move the selection, not every new message.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the request on purpose
  }, [openRequest?.seq]);

  async function markAllRead() {
    setActionError(null);
    try {
      const result = await client.invoke('inbox.markAllRead', {});
      inbox.markedAllRead();
      onUnreadChanged(result.unread);
    } catch (err) {
      setActionError(errorMessage(err));
    }
  }

  return (
    <div className="inbox-page">
      <div className="inbox-pane">
        <div className="toolbar" role="toolbar" aria-label="Inbox">
          <span className="counts" data-testid="unread-count">
            {unread === 0 ? 'All read' : `${unread.toLocaleString()} unread`}
            <span className="muted"> · {total.toLocaleString()} total</span>
          </span>
          <label className="checkbox">
            <input type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} />
            Unread only
          </label>
          <button type="button" onClick={markAllRead} disabled={unread === 0}>
            Mark all read
          </button>
        </div>
        <SearchBar
          filters={filters}
          onFilters={setFilters}
          sources={props.sources ?? []}
          searchIndex={props.searchIndex ?? null}
          notice={notice}
        />
        {actionError && (
          <p className="inline-error" role="alert">
            {actionError}
          </p>
        )}
        {!loaded && error ? (
          <div className="list-empty" role="alert">
            <p>Could not load the inbox: {error}</p>
            <button type="button" onClick={inbox.reload}>
              Try again
            </button>
          </div>
        ) : loaded && items.length === 0 ? (
          filtered ? (
            <div className="list-empty" role="status">
              No messages match.
            </div>
          ) : (
            <EmptyInbox unreadOnly={unreadOnly} broker={broker} />
          )
        ) : (
          <SearchTermsContext.Provider value={terms}>
            <InboxList
              items={items}
              hasMore={loaded && nextBefore !== null}
              loadingOlder={loadingOlder}
              error={loaded ? error : null}
              setSize={unreadOnly || filtered ? -1 : Math.max(total, items.length)}
              selectedId={selectedId}
              revealSeq={revealSeq}
              onSelect={select}
              loadOlder={inbox.loadOlder}
            />
          </SearchTermsContext.Provider>
        )}
      </div>
      <SearchTermsContext.Provider value={terms}>
        <MessageDetailPane load={message} removedNotice={removedNotice} />
      </SearchTermsContext.Provider>
    </div>
  );
}

export interface BrokerAddress {
  host: string;
  port: number;
}

function EmptyInbox({ unreadOnly, broker }: { unreadOnly: boolean; broker: BrokerAddress | null }) {
  if (unreadOnly) return <div className="list-empty">No unread messages.</div>;
  return (
    <div className="list-empty">
      <p>No messages yet.</p>
      {broker && (
        <p className="muted">
          Try: <code>{`mosquitto_pub -h ${broker.host} -p ${broker.port} -t herald/hello -m "Hello"`}</code>
        </p>
      )}
    </div>
  );
}
