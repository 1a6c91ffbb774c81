// The detail pane for one message. Titles and properties are shown as text only (see linkify for the one
// exception: http(s) URLs become links); the body is read the way it was meant (body/MessageBody.tsx).
import type { MessageDetail as Detail } from '../../shared/model.ts';
import { useT, type MessageKey } from '../i18n/i18n.ts';
import { MessageBody } from './body/MessageBody.tsx';
import { TimeText } from './body/TimeText.tsx';
import { TopicChart } from './chart/TopicChart.tsx';
import { displayTitle, groupDigits, formatBytes, priorityLabel } from './format.ts';
import { Highlight } from './Highlight.tsx';
import { MessageActions } from './MessageActions.tsx';
import { MessageDecision } from './MessageDecision.tsx';
import { ExtrasRows } from './MessageExtras.tsx';
import { PropertiesTable } from './PropertiesTable.tsx';
import type { MessageLoad } from './use-message.ts';

const KIND_LABEL: Record<Detail['bodyKind'], MessageKey> = {
  text: 'detail.kind.text',
  json: 'detail.kind.json',
  binary: 'detail.kind.binary',
};

interface MessageDetailPaneProps {
  load: MessageLoad;
  /** Shown instead of the usual hint when the message on show was removed at its source. */
  removedNotice?: boolean;
}

export function MessageDetailPane({ load, removedNotice = false }: MessageDetailPaneProps) {
  const t = useT();
  switch (load.status) {
    case 'idle':
      return (
        <section className="detail empty" aria-label={t('detail.label')}>
          {removedNotice ? <p role="status">{t('detail.removed')}</p> : t('detail.selectHint')}
        </section>
      );
    case 'loading':
      return (
        <section className="detail empty" aria-label={t('detail.label')} aria-busy="true">
          {t('detail.loading')}
        </section>
      );
    case 'missing':
      return (
        <section className="detail empty" aria-label={t('detail.label')}>
          {t('detail.missing')}
        </section>
      );
    case 'failed':
      return (
        <section className="detail empty" aria-label={t('detail.label')}>
          <p role="alert">{t('detail.loadFailed', { error: load.error })}</p>
        </section>
      );
    case 'loaded':
      return <LoadedMessage detail={load.detail} />;
  }
}

export function LoadedMessage({ detail }: { detail: Detail }) {
  const t = useT();
  const priority = priorityLabel(detail.priority);
  const { extras } = detail;
  return (
    <section className="detail" aria-label={t('detail.label')} data-testid="message-detail" tabIndex={-1}>
      <h2 className="detail-title">
        <Highlight text={displayTitle(detail)} />
      </h2>
      {/* Keyed by message: a "Muted …" confirmation belongs to the message it was given for. */}
      <MessageDecision key={detail.id} detail={detail} />
      <dl className="detail-meta">
        <dt>{t('detail.topic')}</dt>
        <dd>
          <Highlight text={detail.topic} />
        </dd>
        <dt>{t('detail.source')}</dt>
        <dd>
          <Highlight text={detail.sourceName} />
        </dd>
        <dt>{t('detail.received')}</dt>
        <dd>
          <TimeText at={detail.receivedAt} />
        </dd>
        <dt>{t('detail.priority')}</dt>
        <dd>
          {detail.priority}
          {priority ? (
            <span className={`badge priority-${priority.level}`}>{t(`priority.${priority.level}`)}</span>
          ) : (
            <span className="muted"> {t('detail.priorityNormal')}</span>
          )}
        </dd>
        <dt>{t('detail.size')}</dt>
        <dd>
          {formatBytes(detail.size)} · {t(KIND_LABEL[detail.bodyKind])}
        </dd>
        {extras && <ExtrasRows extras={extras} />}
      </dl>
      {detail.truncated && (
        <p className="truncated-marker" role="note">
          {t('detail.truncated', { kept: groupDigits(detail.keptBytes), size: groupDigits(detail.size) })}
        </p>
      )}
      {/* Keyed by message: the view chosen for one body (source, base64) starts afresh for the next. */}
      <MessageBody key={detail.id} detail={detail} />
      <TopicChart detail={detail} />
      {extras?.actions && extras.actions.length > 0 && (
        // Keyed by message: a result from one message's action must not linger on the next.
        <MessageActions key={detail.id} messageId={detail.id} actions={extras.actions} />
      )}
      {detail.properties && <PropertiesTable properties={detail.properties} />}
    </section>
  );
}
