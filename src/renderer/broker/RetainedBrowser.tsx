// The broker's retained messages under a topic prefix (the first 200), each deletable after a confirmation.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RetainedTopic } from '../../shared/commands/broker.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';

const LIMIT = 200;

export function RetainedBrowser({ active, running }: { active: boolean; running: boolean }) {
  const t = useT();
  const client = useClient();
  const [prefix, setPrefix] = useState('');
  const [topics, setTopics] = useState<RetainedTopic[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(
    (filter: string) => {
      client.invoke('broker.retained.list', { prefix: filter, limit: LIMIT }).then(
        (reply) => {
          setTopics(reply.topics);
          setTruncated(reply.truncated);
          setError(null);
        },
        (err: unknown) => setError(errorMessage(err)),
      );
    },
    [client],
  );
  useEffect(() => {
    // The filter is applied with Refresh, not on every keystroke.
    if (active && running) load('');
  }, [active, running, load]);

  const remove = async (topic: string) => {
    try {
      await client.invoke('broker.retained.delete', { topic });
      setConfirming(null);
      load(prefix);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="broker-section" aria-label={t('broker.retained')}>
      <h2>{t('broker.retained')}</h2>
      <form
        className="broker-form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          load(prefix);
        }}
      >
        <label>
          {t('broker.retainedFilter')}
          <input value={prefix} onChange={(e) => setPrefix(e.target.value)} />
        </label>
        <button type="submit">{t('broker.refresh')}</button>
      </form>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {topics.length === 0 ? (
        <p className="broker-empty">{t('broker.noRetained')}</p>
      ) : (
        <table className="broker-table">
          <thead>
            <tr>
              <th>{t('broker.topic')}</th>
              <th>{t('broker.size')}</th>
              <th>{t('broker.preview')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {topics.map((entry) => (
              <tr key={entry.topic}>
                <td>
                  <code>{entry.topic}</code>
                </td>
                <td>{entry.size}</td>
                <td className="broker-preview">{entry.preview}</td>
                <td className="broker-actions">
                  {confirming === entry.topic ? (
                    <>
                      <span>{t('broker.confirmDelete', { topic: entry.topic })}</span>
                      <button type="button" className="broker-danger" onClick={() => void remove(entry.topic)}>
                        {t('broker.delete')}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('broker.cancel')}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      aria-label={t('broker.deleteTopic', { topic: entry.topic })}
                      onClick={() => setConfirming(entry.topic)}
                    >
                      {t('broker.delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {truncated && <p className="broker-hint">{t('broker.retainedMore', { count: LIMIT })}</p>}
    </section>
  );
}
