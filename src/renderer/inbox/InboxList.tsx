// The virtualised message list: only the rows in view exist in the DOM, so 100k messages scroll like 100.
// Older pages are fetched (keyset) as the end comes into view; new messages are prepended without moving
// what the user is reading.
import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useT } from '../i18n/i18n.ts';
import type { MessageSummary } from '../../shared/model.ts';
import { InboxRow, ROW_HEIGHT, rowElementId } from './InboxRow.tsx';
import type { SelectMode } from './selection.ts';
import { useNow } from './use-now.ts';

/** Start fetching the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 30;

interface InboxListProps {
  /** The rows shown: pinned messages first, then the list's pages. */
  items: MessageSummary[];
  hasMore: boolean;
  loadingOlder: boolean;
  error: string | null;
  /** Total number of messages in this view when known (for screen readers); -1 when unknown. */
  setSize: number;
  selectedId: number | null;
  /** The bulk selection. */
  checkedIds: ReadonlySet<number>;
  /** The row the keyboard is on (the open message, or the lead of a bulk selection). */
  cursorId: number | null;
  /** Changes whenever the selection should be scrolled into view (clicks need not, keys and openMessage do). */
  revealSeq: number;
  onSelect(id: number, reveal: boolean, mode: SelectMode): void;
  loadOlder(retry?: boolean): void;
}

export function InboxList(props: InboxListProps) {
  const { items, hasMore, loadingOlder, error, setSize, selectedId, checkedIds, cursorId, revealSeq } = props;
  const { onSelect, loadOlder } = props;
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const footer = hasMore || error !== null;

  const virtualizer = useVirtualizer({
    count: items.length + (footer ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? 'footer',
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingOlder && lastVisible >= items.length - PREFETCH_ROWS) loadOlder();
  }, [hasMore, loadingOlder, lastVisible, items.length, loadOlder]);

  const onScroll = useKeepReadingPosition(items, scrollRef);
  // Stable, so the memoised rows that did not change are not rendered again with every batch of new messages.
  const onRowSelect = useCallback((id: number, mode: SelectMode) => onSelect(id, false, mode), [onSelect]);

  useEffect(() => {
    if (cursorId === null || revealSeq === 0) return;
    const index = items.findIndex((item) => item.id === cursorId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only a new reveal request scrolls; items arriving later must not yank the view back.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the reveal request on purpose
  }, [revealSeq]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === ' ' && cursorId !== null) {
      event.preventDefault();
      onSelect(cursorId, false, 'toggle');
      return;
    }
    const index = cursorId === null ? -1 : items.findIndex((item) => item.id === cursorId);
    const target = keyTarget(event.key, index, items.length);
    if (target === null) return;
    event.preventDefault();
    const item = items[target];
    if (item) onSelect(item.id, true, event.shiftKey ? 'range' : 'open');
  }

  return (
    <div
      ref={scrollRef}
      className="inbox-list"
      role="listbox"
      aria-label={t('list.label')}
      aria-multiselectable="true"
      tabIndex={0}
      aria-activedescendant={cursorId !== null ? rowElementId(cursorId) : undefined}
      onKeyDown={onKeyDown}
      onScroll={onScroll}
    >
      <div className="inbox-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((row) => {
          const message = items[row.index];
          if (!message) {
            return (
              <div
                key="footer"
                className="row footer"
                style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              >
                {error ? (
                  <>
                    <span role="alert">{t('list.olderFailed', { error })}</span>{' '}
                    <button type="button" onClick={() => loadOlder(true)}>
                      {t('inbox.tryAgain')}
                    </button>
                  </>
                ) : (
                  t('list.loadingOlder')
                )}
              </div>
            );
          }
          return (
            <InboxRow
              key={message.id}
              message={message}
              selected={message.id === selectedId}
              checked={checkedIds.has(message.id)}
              now={now}
              top={row.start}
              position={row.index + 1}
              setSize={setSize}
              onSelect={onRowSelect}
            />
          );
        })}
      </div>
    </div>
  );
}

/** Row to move to for a navigation key, or null when the key is not ours. */
function keyTarget(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
    case 'k':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * When messages are prepended while the user is scrolled down, shift the scroll offset by the same amount so
 * the rows they are reading stay put. At the very top we let new messages push in: that is where they look.
 * Whether the list is at the top is remembered from scroll events: reading `scrollTop` right after new rows were
 * put in the DOM would force a layout in the middle of every batch. Returns the list's scroll handler.
 */
function useKeepReadingPosition(items: MessageSummary[], scrollRef: RefObject<HTMLDivElement | null>) {
  const previousFirstId = useRef<number | null>(null);
  const scrollTop = useRef(0);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const before = previousFirstId.current;
    previousFirstId.current = items[0]?.id ?? null;
    if (!element || before === null || scrollTop.current === 0 || items[0]?.id === before) return;
    const shift = items.findIndex((item) => item.id === before);
    if (shift > 0) element.scrollTop += shift * ROW_HEIGHT;
  }, [items, scrollRef]);
  return useCallback(() => {
    scrollTop.current = scrollRef.current?.scrollTop ?? 0;
  }, [scrollRef]);
}
