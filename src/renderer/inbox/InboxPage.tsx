// The inbox: toolbar (counts, filter, mark all read), the virtualised list and the detail pane.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseSearchQuery } from '../../shared/search-query.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';
import { InboxList } from './InboxList.tsx';
import { MessageDetailPane } from './MessageDetail.tsx';
import { SearchTermsContext } from './Highlight.tsx';
import { hasFilters, selectionAfterRemoval, type InboxFilters } from './inbox-state.ts';
import { SearchBar, type SourceOption } from './SearchBar.tsx';
import { useInbox } from './use-inbox.ts';
import { useMessage } from './use-message.ts';
import { RetentionPanel } from './RetentionPanel.tsx';
import { TopicTree } from './TopicTree.tsx';
import { SelectionActions } from './SelectionActions.tsx';
import type { SelectMode } from './selection.ts';
import { useSelection } from './use-selection.ts';
import type { PurgeProgress } from '../../shared/retention.ts';
import { KeyboardHelp } from './keyboard/KeyboardHelp.tsx';
import { useInboxKeys } from './keyboard/use-inbox-keys.ts';
import { useFocusDetail } from './keyboard/use-focus-detail.ts';
import { errorMessage } from '../../shared/error-message.ts';

const NO_SOURCES: readonly SourceOption[] = [];

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
  /** While retention deletes old messages. */
  purge?: PurgeProgress | null;
  onUnreadChanged(unread: number): void;
}

export function InboxPage(props: InboxPageProps) {
  const { unread, total, openRequest, broker, onUnreadChanged } = props;
  const client = useClient();
  const t = useT();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [filters, setFilters] = useState<InboxFilters>({});
  const inbox = useInbox(unreadOnly, filters);
  const { items, pinned, loaded, nextBefore, loadingOlder, error, notice } = inbox.state;
  // Pinned messages on top, then the pages.
  const rows = useMemo(() => (pinned.length > 0 ? [...pinned, ...items] : items), [pinned, items]);
  const filtered = hasFilters(filters);
  const chooseTopic = useCallback(
    (chosen: Pick<InboxFilters, 'sourceId' | 'topic'>) =>
      setFilters((current) => ({ ...current, sourceId: chosen.sourceId, topic: chosen.topic })),
    [],
  );
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

  const bulk = useSelection(rows, selectedId);
  const { choose } = bulk;
  // A plain click or key opens the row; ctrl/shift (and space) change the bulk selection instead.
  const select = useCallback(
    (id: number, reveal: boolean, mode: SelectMode = 'open') => {
      choose(id, mode);
      if (mode === 'open') {
        setSelectedId(id);
        setRemovedNotice(false);
      }
      if (reveal) setRevealSeq((seq) => seq + 1);
    },
    [choose],
  );

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
    const id = openRequest.id ?? rows[0]?.id;
    if (id !== undefined) select(id, true);
    // Only a new request should move the selection, not every new message.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the request on purpose
  }, [openRequest?.seq]);

  const pageRef = useRef<HTMLDivElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const focusDetail = useFocusDetail(pageRef, message, selectedId);
  useInboxKeys(pageRef, {
    ids: () => rows.map((item) => item.id),
    selectedId,
    select: (id) => select(id, true),
    open: () => {
      if (selectedId === null && rows[0]) select(rows[0].id, true);
      focusDetail();
    },
    markRead: (id) => {
      client.invoke('inbox.markRead', { ids: [id] }).then(
        (result) => onMarkedRead(id, result.unread),
        (err: unknown) => setActionError(errorMessage(err)),
      );
    },
    snooze: () => openSnoozeMenu(pageRef.current),
    help: () => setHelpOpen(true),
  });

  // With a search or filters, only what matches (main walks it in bounded steps, pushing what it marks).
  async function markAllRead() {
    setActionError(null);
    try {
      const { search, ...rest } = filters;
      const query = { ...rest, ...(search?.trim() ? { search: search.trim() } : {}) };
      const result = await client.invoke('inbox.markAllRead', filtered ? { filters: query } : {});
      if (!filtered) inbox.markedAllRead();
      onUnreadChanged(result.unread);
    } catch (err) {
      setActionError(errorMessage(err));
    }
  }

  return (
    <div className="inbox-page with-sidebar" ref={pageRef}>
      <TopicTree
        sources={props.sources ?? NO_SOURCES}
        sourceId={filters.sourceId}
        topic={filters.topic}
        onChoose={chooseTopic}
      />
      <div className="inbox-pane">
        <div className="toolbar" role="toolbar" aria-label={t('inbox.toolbar')}>
          <span className="counts" data-testid="unread-count">
            {unread === 0 ? t('inbox.allRead') : t('inbox.unreadCount', { count: unread.toLocaleString() })}
            <span className="muted">{t('inbox.total', { count: total.toLocaleString() })}</span>
          </span>
          <label className="checkbox">
            <input type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} />
            {t('inbox.unreadOnly')}
          </label>
          <button type="button" onClick={markAllRead} disabled={unread === 0}>
            {t('inbox.markAllRead')}
          </button>
          <button
            type="button"
            className="keys-button"
            aria-label={t('keys.helpButton')}
            title={t('keys.helpButton')}
            onClick={() => setHelpOpen(true)}
          >
            ?
          </button>
        </div>
        <SearchBar
          filters={filters}
          onFilters={setFilters}
          sources={props.sources ?? []}
          searchIndex={props.searchIndex ?? null}
          notice={notice}
        />
        <RetentionPanel sources={props.sources ?? []} purge={props.purge ?? null} />
        <SelectionActions
          targets={bulk.targets}
          bulk={bulk.bulk}
          inbox={inbox}
          onUnreadChanged={onUnreadChanged}
          onClearSelection={bulk.clear}
          onDeleted={(ids) => {
            if (selectedId !== null && ids.includes(selectedId)) setSelectedId(null);
          }}
        />
        {actionError && (
          <p className="inline-error" role="alert">
            {actionError}
          </p>
        )}
        {!loaded && error ? (
          <div className="list-empty" role="alert">
            <p>{t('inbox.loadFailed', { error })}</p>
            <button type="button" onClick={inbox.reload}>
              {t('inbox.tryAgain')}
            </button>
          </div>
        ) : loaded && rows.length === 0 ? (
          filtered ? (
            <div className="list-empty" role="status">
              {t('inbox.noMatch')}
            </div>
          ) : (
            <EmptyInbox unreadOnly={unreadOnly} broker={broker} />
          )
        ) : (
          <SearchTermsContext.Provider value={terms}>
            <InboxList
              items={rows}
              hasMore={loaded && nextBefore !== null}
              loadingOlder={loadingOlder}
              error={loaded ? error : null}
              setSize={unreadOnly || filtered ? -1 : Math.max(total, rows.length)}
              selectedId={selectedId}
              checkedIds={bulk.selection.ids}
              cursorId={bulk.cursorId}
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
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

export interface BrokerAddress {
  host: string;
  port: number;
}

function EmptyInbox({ unreadOnly, broker }: { unreadOnly: boolean; broker: BrokerAddress | null }) {
  const t = useT();
  if (unreadOnly) return <div className="list-empty">{t('inbox.noUnread')}</div>;
  return (
    <div className="list-empty">
      <p>{t('inbox.empty')}</p>
      {broker && (
        <p className="muted">
          {t('inbox.try')} <code>{`mosquitto_pub -h ${broker.host} -p ${broker.port} -t herald/hello -m "Hello"`}</code>
        </p>
      )}
    </div>
  );
}

/** `s`: opens the snooze choices of the message on show and puts the focus on the first one. */
function openSnoozeMenu(page: HTMLElement | null) {
  const toggle = page?.querySelector<HTMLButtonElement>('[data-testid="message-detail"] .snooze button[aria-expanded]');
  if (!toggle) return;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  requestAnimationFrame(() => toggle.parentElement?.querySelector<HTMLButtonElement>('.choice-list button')?.focus());
}
