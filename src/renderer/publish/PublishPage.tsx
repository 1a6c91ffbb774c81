// The Publish page: send a message (with the recent ones below, to repeat) and the saved buttons beside it.
// Only sources that can send (MQTT, WebSocket) are offered.
import type { SourceView } from '../../shared/model.ts';
import { canPublishTo } from '../../shared/publish.ts';
import { ButtonsPanel } from './ButtonsPanel.tsx';
import { PublishHistory } from './PublishHistory.tsx';
import { PublishPanel } from './PublishPanel.tsx';
import { useHistory } from './use-publish.ts';
import { useT } from '../i18n/i18n.ts';

interface PublishPageProps {
  /** Whether the page is on show: history and buttons are fetched when it is. */
  active: boolean;
  sources: readonly SourceView[];
}

export function PublishPage({ active, sources }: PublishPageProps) {
  const t = useT();
  const publishable = sources.filter((source) => canPublishTo(source.kind));
  // A queued publish settles when its source is back: the queue counts changing is the cue to refetch.
  const queueKey = publishable.map((s) => `${s.id}:${s.status.queued ?? 0}`).join(',');
  const history = useHistory(active, queueKey);
  return (
    <div className="publish-page">
      <section className="publish-panel" aria-labelledby="publish-heading">
        <h2 id="publish-heading">{t('publish.title')}</h2>
        <PublishPanel sources={publishable} onPublished={history.reload} />
        <h3>{t('publish.recent')}</h3>
        <PublishHistory entries={history.entries} sources={sources} onPublished={history.reload} />
      </section>
      <section className="publish-panel" aria-labelledby="buttons-heading">
        <h2 id="buttons-heading">{t('publish.buttons')}</h2>
        <ButtonsPanel active={active} sources={publishable} onPublished={history.reload} />
      </section>
    </div>
  );
}
