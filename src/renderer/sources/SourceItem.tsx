// One source in the list: what it is and listens to, how it is doing, and what can be done with it.
import { useState } from 'react';
import type { SourceView } from '../../shared/model.ts';
import { SnoozeMenu } from '../rules/SnoozeMenu.tsx';
import { SourceStatusLine } from '../status/SourceStatusLine.tsx';
import { useClient } from '../transport/connection-context.ts';
import { ConnectionTest } from './ConnectionTest.tsx';
import { KIND_LABEL, sourceSummary } from './kinds.ts';
import { useT } from '../i18n/i18n.ts';
import { errorMessage } from '../../shared/error-message.ts';

interface SourceItemProps {
  source: SourceView;
  onEdit(): void;
  onRemoved(): void;
  /** After a copy was made or the order changed. */
  onChanged(): void;
  /** The saved order with this source one place up (down) in its group; null where it cannot move. */
  moveUp: string[] | null;
  moveDown: string[] | null;
}

export function SourceItem({ source, onEdit, onRemoved, onChanged, moveUp, moveDown }: SourceItemProps) {
  const client = useClient();
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [reconnecting, setReconnecting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  const remove = () =>
    run(async () => {
      setConfirming(false);
      await client.invoke('sources.remove', { id: source.id });
      onRemoved();
    });
  const duplicate = () =>
    run(async () => {
      await client.invoke('sources.duplicate', { id: source.id });
      onChanged();
    });
  const reorder = (ids: string[]) =>
    run(async () => {
      await client.invoke('sources.reorder', { ids });
      onChanged();
    });
  const reconnect = () =>
    run(async () => {
      setReconnecting(true);
      try {
        await client.invoke('sources.reconnect', { id: source.id });
      } finally {
        setReconnecting(false);
      }
    });

  return (
    <li
      className="source-item"
      data-testid="source-item"
      data-source-id={source.id}
      data-kind={source.kind}
      aria-label={source.name}
    >
      <div className="source-main">
        <div className="source-name">
          {source.name}
          <span className="badge kind">{KIND_LABEL[source.kind]}</span>
          {source.embedded && <span className="badge">{t('sources.badge.embedded')}</span>}
          {source.ephemeral && <span className="badge">{t('sources.badge.ephemeral')}</span>}
          {source.locked && <span className="badge policy-badge">🔒 {t('policy.sourceBadge')}</span>}
          {!source.enabled && <span className="badge">{t('sources.badge.disabled')}</span>}
        </div>
        <div className="source-url">{source.url}</div>
        <div className="muted small source-summary">{sourceSummary(source, t)}</div>
        <div className="source-status">
          <SourceStatusLine source={source} withName={false} />
        </div>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <ConnectionTest name={source.name} run={() => client.invoke('sources.test', { id: source.id })} />
      </div>
      <div className="source-actions">
        {/* Command-line sources are read-only here, and their ids last one run. */}
        {!confirming && !source.ephemeral && <SnoozeMenu sourceId={source.id} what={source.name} />}
        {source.enabled && !confirming && (
          <button
            type="button"
            onClick={reconnect}
            disabled={reconnecting}
            aria-label={t('sources.reconnectNamed', { name: source.name })}
          >
            {t('sources.reconnectNow')}
          </button>
        )}
        {/* Locked by the administrator's policy: the core refuses edits and removal, so none are offered. */}
        {!source.ephemeral &&
          !source.locked &&
          (confirming ? (
            <>
              <button type="button" className="danger" onClick={remove}>
                {t('sources.removeNamed', { name: source.name })}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('sources.keep')}
              </button>
            </>
          ) : (
            <>
              <button type="button" onClick={onEdit} aria-label={t('sources.editNamed', { name: source.name })}>
                {t('sources.edit')}
              </button>
              <button
                type="button"
                onClick={() => setConfirming(true)}
                aria-label={t('sources.removeAsk', { name: source.name })}
              >
                {t('sources.remove')}
              </button>
            </>
          ))}
        {!source.ephemeral && !confirming && (
          <>
            {/* A copy of a locked source would carry the policy's credentials to a source the user can edit. */}
            {!source.locked && (
              <button type="button" onClick={duplicate} aria-label={t('sources.duplicateNamed', { name: source.name })}>
                {t('sources.duplicate')}
              </button>
            )}
            <button
              type="button"
              disabled={moveUp === null}
              onClick={() => moveUp && void reorder(moveUp)}
              aria-label={t('sources.moveUpNamed', { name: source.name })}
            >
              ↑
            </button>
            <button
              type="button"
              disabled={moveDown === null}
              onClick={() => moveDown && void reorder(moveDown)}
              aria-label={t('sources.moveDownNamed', { name: source.name })}
            >
              ↓
            </button>
          </>
        )}
      </div>
    </li>
  );
}
