// "Updates": the switch for regular checks (off unless turned on), the feed they read, "Check now", and what the
// last check found, with a link to a newer release's page. A check main runs by itself arrives as
// `updates.changed`, so the page shows it without asking again.
import { useEffect, useState, type FormEvent } from 'react';
import type { UpdateCheck, UpdatesView } from '../../shared/commands/updates.ts';
import { errorMessage } from '../../shared/error-message.ts';
import type { PolicyView } from '../../shared/policy.ts';
import { useT } from '../i18n/i18n.ts';
import { PolicyNotice, policyLocks } from '../policy/PolicyNotice.tsx';
import { useClient } from '../transport/connection-context.ts';
import { releasePageLink } from './release-page.ts';

export function UpdatesSection({ active, policy }: { active: boolean; policy?: PolicyView | null }) {
  const t = useT();
  const client = useClient();
  const [view, setView] = useState<UpdatesView | null>(null);
  const [feedDraft, setFeedDraft] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => client.on('updates.changed', setView), [client]);
  useEffect(() => {
    if (!active) return;
    client.invoke('updates.get', {}).then(setView, (err: unknown) => setProblem(errorMessage(err)));
  }, [active, client]);

  async function run(action: () => Promise<unknown>, done?: string) {
    setProblem(null);
    setStatus(null);
    try {
      await action();
      if (done) setStatus(done);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }

  const configure = (request: { check?: boolean; feedUrl?: string }, done?: string) =>
    run(async () => setView(await client.invoke('updates.configure', request)), done);

  function submitFeed(event: FormEvent) {
    event.preventDefault();
    if (feedDraft === null) return;
    void configure({ feedUrl: feedDraft }, t('updates.feedSaved')).then(() => setFeedDraft(null));
  }

  const locked = policyLocks(policy, 'updates');
  const checking = view?.checking ?? false;
  return (
    <section className="settings-section updates-section" aria-labelledby="settings-updates">
      <h2 id="settings-updates">{t('updates.title')}</h2>
      <PolicyNotice policy={policy} part="updates" />
      <fieldset className="policy-lockable" disabled={locked || view === null}>
        <label className="checkbox">
          <input
            type="checkbox"
            role="switch"
            checked={view?.settings.check ?? false}
            aria-describedby="settings-updates-help"
            onChange={(event) => void configure({ check: event.target.checked })}
          />
          {t('updates.check')}
        </label>
        <p id="settings-updates-help" className="muted small">
          {t('updates.checkHelp')}
        </p>
        <form className="settings-row" onSubmit={submitFeed}>
          <label className="settings-field updates-feed">
            <span>{t('updates.feedUrl')}</span>
            <input
              type="url"
              value={feedDraft ?? view?.settings.feedUrl ?? ''}
              aria-describedby="settings-updates-feed-help"
              onChange={(event) => setFeedDraft(event.target.value)}
            />
          </label>
          <button type="submit" disabled={feedDraft === null}>
            {t('updates.useFeed')}
          </button>
        </form>
        <p id="settings-updates-feed-help" className="muted small">
          {t('updates.feedHelp')}
        </p>
        <div className="settings-row">
          <button
            type="button"
            disabled={checking}
            onClick={() => void run(async () => setView({ ...view!, last: await client.invoke('updates.check', {}) }))}
          >
            {t('updates.checkNow')}
          </button>
          {status && (
            <span role="status" className="muted small">
              {status}
            </span>
          )}
        </div>
      </fieldset>
      <div role="status" data-testid="updates-result">
        {checking ? <p className="muted small">{t('updates.checking')}</p> : view?.last && <Outcome last={view.last} />}
      </div>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

function Outcome({ last }: { last: UpdateCheck }) {
  const t = useT();
  const when = t('updates.checkedAt', { time: new Date(last.checkedAt).toLocaleString() });
  if (last.error) {
    return (
      <p className="inline-error">
        {t('updates.failed', { error: last.error })} <span className="muted small">{when}</span>
      </p>
    );
  }
  const page = releasePageLink(last.releaseUrl);
  return (
    <p>
      {last.newer ? (
        <>
          <strong>{t('updates.available', { version: last.latest ?? '' })}</strong>{' '}
          {page && (
            <a href={page} target="_blank" rel="noopener noreferrer">
              {t('updates.releasePage')}
            </a>
          )}
        </>
      ) : (
        t('updates.upToDate', { version: last.current })
      )}{' '}
      <span className="muted small">{when}</span>
    </p>
  );
}
