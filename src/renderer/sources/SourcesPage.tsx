// Lists the sources with their live status; add, edit, remove and reconnect them. Sources given on the command
// line exist for one run only and are shown read-only.
import { useState } from 'react';
import type { SourceView } from '../../shared/model.ts';
import { useClient } from '../transport/connection-context.ts';
import { SourceForm } from './SourceForm.tsx';
import { SourceItem } from './SourceItem.tsx';
import { groupNames, groupSources, movedIds } from './source-order.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import type { PolicyView } from '../../shared/policy.ts';
import { PolicyNotice, policyLocks } from '../policy/PolicyNotice.tsx';

type Editing = { mode: 'add' } | { mode: 'edit'; source: SourceView } | null;

interface SourcesPageProps {
  sources: SourceView[];
  /** The administrator's policy, if any: it may lock the list (no adding) or single sources. */
  policy?: PolicyView | null;
  /** Called after a change so the list does not wait for the app.state event. */
  onChanged(): void;
}

export function SourcesPage({ sources, policy, onChanged }: SourcesPageProps) {
  const [editing, setEditing] = useState<Editing>(null);
  const t = useT();

  if (editing) {
    return (
      <div className="sources-page">
        <SourceForm
          // A different source (or add after edit) must start from fresh values.
          key={editing.mode === 'edit' ? editing.source.id : 'add'}
          editing={editing.mode === 'edit' ? editing.source : null}
          groups={groupNames(sources)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      </div>
    );
  }

  return (
    <div className="sources-page">
      <div className="sources-header">
        <h2>{t('sources.title')}</h2>
        {sources.some((source) => source.enabled) && <ReconnectAllButton />}
        {!policyLocks(policy, 'sources') && (
          <button type="button" className="primary" onClick={() => setEditing({ mode: 'add' })}>
            {t('sources.add')}
          </button>
        )}
      </div>
      <PolicyNotice policy={policy} part="sources" />
      {sources.length === 0 ? (
        <p className="muted">{t('sources.none')}</p>
      ) : (
        groupSources(sources).map((group) => (
          <section key={group.name ?? ''} className="source-group" aria-label={group.name ?? t('sources.listLabel')}>
            {group.name !== null && <h3 className="source-group-name">{group.name}</h3>}
            <ul className="source-list" aria-label={group.name ?? t('sources.listLabel')}>
              {group.sources.map((source) => (
                <SourceItem
                  key={source.id}
                  source={source}
                  onEdit={() => setEditing({ mode: 'edit', source })}
                  onRemoved={onChanged}
                  onChanged={onChanged}
                  moveUp={movedIds(sources, source.id, -1)}
                  moveDown={movedIds(sources, source.id, 1)}
                />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

/** Every source drops its connection and dials again now: what waking from sleep does, on demand. */
function ReconnectAllButton() {
  const client = useClient();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function reconnectAll() {
    setError(null);
    setBusy(true);
    try {
      await client.invoke('sources.reconnect', {});
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
      <button type="button" className="push-right" onClick={reconnectAll} disabled={busy}>
        {t('sources.reconnectAll')}
      </button>
    </>
  );
}
