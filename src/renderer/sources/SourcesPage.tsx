// Lists the sources with their live status; add, edit and remove MQTT sources. Sources given on the command
// line exist for one run only and are shown read-only.
import { useState } from 'react';
import type { SourceView } from '../../shared/model.ts';
import { useClient } from '../app/connection-context.ts';
import { SourceStatusLine } from '../status/StatusBar.tsx';
import { SourceForm } from './SourceForm.tsx';

type Editing = { mode: 'add' } | { mode: 'edit'; source: SourceView } | null;

interface SourcesPageProps {
  sources: SourceView[];
  /** Called after a change so the list does not wait for the app.state event. */
  onChanged(): void;
}

export function SourcesPage({ sources, onChanged }: SourcesPageProps) {
  const [editing, setEditing] = useState<Editing>(null);

  if (editing) {
    return (
      <div className="sources-page">
        <SourceForm
          // A different source (or add after edit) must start from fresh values.
          key={editing.mode === 'edit' ? editing.source.id : 'add'}
          editing={editing.mode === 'edit' ? editing.source : null}
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
        <h2>Sources</h2>
        <button type="button" className="primary" onClick={() => setEditing({ mode: 'add' })}>
          Add source
        </button>
      </div>
      {sources.length === 0 ? (
        <p className="muted">No sources. Add one to receive messages from an MQTT broker.</p>
      ) : (
        <ul className="source-list" aria-label="Sources">
          {sources.map((source) => (
            <SourceItem
              key={source.id}
              source={source}
              onEdit={() => setEditing({ mode: 'edit', source })}
              onRemoved={onChanged}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function SourceItem({ source, onEdit, onRemoved }: { source: SourceView; onEdit(): void; onRemoved(): void }) {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setError(null);
    try {
      await client.invoke('sources.remove', { id: source.id });
      onRemoved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setConfirming(false);
    }
  }

  return (
    <li className="source-item" data-testid="source-item" data-source-id={source.id} aria-label={source.name}>
      <div className="source-main">
        <div className="source-name">
          {source.name}
          {source.embedded && <span className="badge">embedded broker</span>}
          {source.ephemeral && <span className="badge">command line · read-only</span>}
          {!source.enabled && <span className="badge">disabled</span>}
        </div>
        <div className="source-url">{source.url}</div>
        <div className="muted small">
          {source.kind === 'mqtt' && source.topics.map((topic) => `${topic.filter} (QoS ${topic.qos})`).join(', ')}
        </div>
        <div className="source-status">
          <SourceStatusLine source={source} withName={false} />
        </div>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {!source.ephemeral && (
        <div className="source-actions">
          {confirming ? (
            <>
              <button type="button" className="danger" onClick={remove}>
                Remove {source.name}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <>
              <button type="button" onClick={onEdit} aria-label={`Edit ${source.name}`}>
                Edit
              </button>
              <button type="button" onClick={() => setConfirming(true)} aria-label={`Remove ${source.name}…`}>
                Remove
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
