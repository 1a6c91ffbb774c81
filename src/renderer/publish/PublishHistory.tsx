// The last publishes, newest first, each with how it went and a button to send it again as it was.
import { useState } from 'react';
import type { SourceView } from '../../shared/model.ts';
import type { PublishHistoryEntry } from '../../shared/publish.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useClient } from '../transport/connection-context.ts';
import { OutcomeLine, type Outcome } from './PublishPanel.tsx';
import { resultText } from './result-text.ts';
import { useLocale, useT } from '../i18n/i18n.ts';

interface PublishHistoryProps {
  entries: readonly PublishHistoryEntry[];
  sources: readonly SourceView[];
  onPublished(): void;
}

const OUTCOME_WORD = {
  sent: 'publish.history.sent',
  queued: 'publish.history.queued',
  failed: 'publish.history.failed',
} as const;

export function PublishHistory({ entries, sources, onPublished }: PublishHistoryProps) {
  const client = useClient();
  const t = useT();
  const locale = useLocale();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const nameOf = (sourceId: string) => sources.find((s) => s.id === sourceId)?.name ?? sourceId;

  async function repeat(entry: PublishHistoryEntry) {
    setOutcome(null);
    try {
      const { sourceId, topic, payload, qos, retain } = entry;
      const result = await client.invoke('publish.send', { sourceId, topic, payload, qos, retain });
      setOutcome({ ok: true, text: resultText(result, nameOf(sourceId), topic, t) });
    } catch (err) {
      setOutcome({ ok: false, text: t('publish.notSent', { error: errorMessage(err) }) });
    } finally {
      onPublished();
    }
  }

  if (entries.length === 0) return <p className="muted small">{t('publish.history.none')}</p>;
  return (
    <>
      <OutcomeLine outcome={outcome} />
      <ol className="publish-history" aria-label={t('publish.history.label')}>
        {entries.map((entry) => (
          <li key={entry.id} className="history-item" data-outcome={entry.outcome}>
            <div className="history-main">
              <span className="history-where">
                {nameOf(entry.sourceId)}
                {entry.topic && ` · ${entry.topic}`}
                <span className={`badge outcome-${entry.outcome}`}>{t(OUTCOME_WORD[entry.outcome])}</span>
                {entry.retain && <span className="badge">{t('publish.history.retained')}</span>}
                {entry.qos > 0 && <span className="badge">QoS {entry.qos}</span>}
              </span>
              <code className="history-payload">{entry.payload || t('publish.history.empty')}</code>
              {(entry.error ?? entry.note) && <span className="small muted">{entry.error ?? entry.note}</span>}
            </div>
            <time className="small muted" dateTime={new Date(entry.at).toISOString()}>
              {new Date(entry.at).toLocaleTimeString(locale)}
            </time>
            <button
              type="button"
              disabled={entry.truncated}
              title={entry.truncated ? t('publish.history.tooLarge') : undefined}
              aria-label={t('publish.history.repeatNamed', {
                what: entry.topic || nameOf(entry.sourceId),
                payload: entry.payload.slice(0, 40),
              })}
              onClick={() => void repeat(entry)}
            >
              {t('publish.history.repeat')}
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}
