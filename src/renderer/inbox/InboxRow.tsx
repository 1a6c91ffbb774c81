// One inbox row. Everything from the message is rendered as text nodes only: a payload can hold anything.
import { memo } from 'react';
import type { MessageSummary } from '../../shared/model.ts';
import { useLocale, useT } from '../i18n/i18n.ts';
import { absoluteTimeText, relativeTimeText } from '../i18n/time.ts';
import { displayTitle, priorityLabel } from './format.ts';
import { Highlight } from './Highlight.tsx';
import { modeOf, type SelectMode } from './selection.ts';

export const ROW_HEIGHT = 76;

interface InboxRowProps {
  message: MessageSummary;
  selected: boolean;
  /** In the bulk selection. */
  checked?: boolean;
  now: number;
  /** Offset from the top of the list, from the virtualizer. */
  top: number;
  position: number;
  setSize: number;
  onSelect(id: number, mode: SelectMode): void;
}

export const InboxRow = memo(function InboxRow({
  message,
  selected,
  checked = false,
  now,
  top,
  position,
  setSize,
  onSelect,
}: InboxRowProps) {
  const t = useT();
  const locale = useLocale();
  const priority = priorityLabel(message.priority);
  const classes = [
    'row',
    message.read ? 'read' : 'unread',
    selected ? 'selected' : '',
    checked ? 'checked' : '',
    message.pinned ? 'pinned' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={rowElementId(message.id)}
      role="option"
      aria-selected={selected || checked}
      aria-posinset={position}
      aria-setsize={setSize}
      data-testid="message-row"
      data-message-id={message.id}
      data-read={message.read}
      data-pinned={message.pinned === true}
      className={classes}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      // Shift-click selects a run of rows, not the text between two clicks.
      onMouseDown={(event) => event.shiftKey && event.preventDefault()}
      onClick={(event) => onSelect(message.id, modeOf(event))}
    >
      <div className="row-line">
        <span className="unread-dot" aria-hidden="true" />
        {!message.read && <span className="visually-hidden">{t('row.unread')}</span>}
        <span className="row-title">
          <Highlight text={displayTitle(message)} />
        </span>
        {message.pinned && (
          <span className="badge pinned" title={t('inbox.pinnedHint')}>
            {t('inbox.pinned')}
          </span>
        )}
        {priority && <span className={`badge priority-${priority.level}`}>{t(`priority.${priority.level}`)}</span>}
        {message.truncated && <span className="badge truncated">{t('row.truncated')}</span>}
        {!message.notified && <NotNotifiedMarker rule={message.rule} />}
        <time
          className="row-time"
          dateTime={new Date(message.receivedAt).toISOString()}
          title={absoluteTimeText(message.receivedAt, locale)}
        >
          {relativeTimeText(message.receivedAt, now, locale)}
        </time>
      </div>
      <div className="row-preview">
        <Highlight text={message.preview} />
      </div>
      <div className="row-origin">
        <Highlight text={message.sourceName} /> · <Highlight text={message.topic} />
      </div>
    </div>
  );
});

/** A small bell with a slash: this message was stored without an OS notification. */
function NotNotifiedMarker({ rule }: { rule: string | null }) {
  const t = useT();
  return (
    <span
      className="not-notified"
      role="img"
      aria-label={t('row.notNotifiedLabel')}
      title={rule ? t('row.notNotifiedByRule', { rule }) : t('row.notNotified')}
    >
      <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
        <path
          d="M8 2a4 4 0 0 0-4 4v3l-1.5 2.5h11L12 9V6a4 4 0 0 0-4-4zM6.5 13.5a1.5 1.5 0 0 0 3 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.3"
        />
        <path d="M2.5 2.5l11 11" stroke="currentColor" strokeWidth="1.3" />
      </svg>
    </span>
  );
}

export function rowElementId(id: number): string {
  return `message-${id}`;
}
