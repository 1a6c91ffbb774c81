// The actions on the selected messages (or the open one): mark read, mark unread, pin or unpin, delete. Each is
// one command for all of them; the list reflects it at once, the counts come back with the reply.
import { useState } from 'react';
import type { MessageSummary } from '../../shared/model.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useClient } from '../transport/connection-context.ts';
import { useT } from '../i18n/i18n.ts';
import type { InboxHandle } from './use-inbox.ts';

/** The most ids one command takes (the contract's limit). */
const MAX_IDS = 1000;

interface SelectionActionsProps {
  targets: readonly MessageSummary[];
  /** True when the targets are a bulk selection (not just the open message). */
  bulk: boolean;
  inbox: InboxHandle;
  onUnreadChanged(unread: number): void;
  onClearSelection(): void;
  onDeleted(ids: number[]): void;
}

export function SelectionActions(props: SelectionActionsProps) {
  const { targets, bulk, inbox } = props;
  const client = useClient();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (targets.length === 0) return null;

  const ids = targets.map((m) => m.id);
  const anyUnread = targets.some((m) => !m.read);
  const anyRead = targets.some((m) => m.read);
  const allPinned = targets.every((m) => m.pinned === true);

  async function act(work: (chunk: number[]) => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      for (let i = 0; i < ids.length; i += MAX_IDS) await work(ids.slice(i, i + MAX_IDS));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const markRead = () =>
    act(async (chunk) => {
      const { unread } = await client.invoke('inbox.markRead', { ids: chunk });
      inbox.markedRead(chunk);
      props.onUnreadChanged(unread);
    });
  const markUnread = () =>
    act(async (chunk) => {
      const { unread } = await client.invoke('inbox.markUnread', { ids: chunk });
      inbox.markedUnread(chunk);
      props.onUnreadChanged(unread);
    });
  const pin = (pinned: boolean) =>
    act(async (chunk) => {
      await client.invoke('inbox.pin', { ids: chunk, pinned });
      inbox.pinned(chunk, pinned);
    });
  const remove = () =>
    act(async (chunk) => {
      const { deleted, unread } = await client.invoke('inbox.delete', { ids: chunk });
      inbox.removed(deleted);
      props.onDeleted(deleted);
      props.onUnreadChanged(unread);
    });

  return (
    <div className="selection-actions" role="toolbar" aria-label={t('inbox.selection.label')}>
      {bulk && (
        <span className="selection-count" data-testid="selection-count">
          {t('inbox.selection.count', { count: targets.length.toLocaleString() })}
        </span>
      )}
      <button type="button" disabled={busy || !anyUnread} onClick={markRead}>
        {t('inbox.selection.markRead')}
      </button>
      <button type="button" disabled={busy || !anyRead} onClick={markUnread}>
        {t('inbox.selection.markUnread')}
      </button>
      <button type="button" disabled={busy} onClick={() => pin(!allPinned)}>
        {allPinned ? t('inbox.selection.unpin') : t('inbox.selection.pin')}
      </button>
      <button type="button" className="danger" disabled={busy} onClick={remove}>
        {t('inbox.selection.delete')}
      </button>
      {bulk && (
        <button type="button" className="link-button" onClick={props.onClearSelection}>
          {t('inbox.selection.clear')}
        </button>
      )}
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
