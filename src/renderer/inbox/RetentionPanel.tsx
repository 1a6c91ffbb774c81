// Retention rules, in a small disclosure under the inbox's filters: per source and topic filter, a max age and a
// max count; no rules keeps everything. Main refuses a rule that would delete every message it applies to until
// the user confirms, and says how many that would be. A purge under way shows its progress.
import { useEffect, useState } from 'react';
import type { PurgeProgress, RetentionRule } from '../../shared/retention.ts';
import { CommandFailed } from '../../shared/client.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { isValidTopicFilter } from '../../shared/sources/fields.ts';
import { useClient } from '../transport/connection-context.ts';
import type { SourceOption } from './SearchBar.tsx';

interface RetentionPanelProps {
  sources: readonly SourceOption[];
  purge: PurgeProgress | null;
}

interface Draft {
  sourceId: string;
  topic: string;
  maxAgeDays: string;
  maxCount: string;
}

const EMPTY_DRAFT: Draft = { sourceId: '', topic: '', maxAgeDays: '', maxCount: '' };

export function RetentionPanel({ sources, purge }: RetentionPanelProps) {
  const client = useClient();
  const [rules, setRules] = useState<RetentionRule[] | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState<RetentionRule[] | null>(null);

  useEffect(() => {
    client.invoke('inbox.getRetention', {}).then(
      (reply) => setRules(reply.rules),
      (err: unknown) => setProblem(errorMessage(err)),
    );
  }, [client]);

  async function save(next: RetentionRule[], confirm = false) {
    setProblem(null);
    try {
      const reply = await client.invoke('inbox.setRetention', { rules: next, ...(confirm ? { confirm } : {}) });
      setRules(reply.rules);
      setPending(null);
      setDraft(EMPTY_DRAFT);
    } catch (err) {
      setProblem(errorMessage(err));
      // Main refuses a rule that deletes everything it applies to: offer to confirm.
      setPending(!confirm && err instanceof CommandFailed && err.code === 'conflict' ? next : null);
    }
  }

  function add() {
    const rule: RetentionRule = {};
    if (draft.sourceId) rule.sourceId = draft.sourceId;
    if (draft.topic.trim()) rule.topic = draft.topic.trim();
    if (draft.maxAgeDays.trim()) rule.maxAgeDays = Number(draft.maxAgeDays);
    if (draft.maxCount.trim()) rule.maxCount = Number(draft.maxCount);
    if (rule.maxAgeDays === undefined && rule.maxCount === undefined) {
      setProblem('Give a max age (days) or a max count.');
      return;
    }
    if (rule.topic !== undefined && !isValidTopicFilter(rule.topic)) {
      setProblem('The topic filter is not valid: # must be last and alone in its level, + alone in its level.');
      return;
    }
    void save([...(rules ?? []), rule]);
  }

  const sourceName = (id: string | undefined) =>
    id === undefined ? 'All sources' : (sources.find((s) => s.id === id)?.name ?? id);

  return (
    <details className="retention-panel">
      <summary>Retention{rules && rules.length > 0 ? ` (${rules.length})` : ''}</summary>
      {purge && (
        <p className="muted small" role="status" data-testid="purge-progress">
          Deleting old messages: {purge.deleted.toLocaleString()} so far.
        </p>
      )}
      {rules !== null && rules.length === 0 && <p className="muted small">No rules: every message is kept.</p>}
      <ul className="retention-rules" aria-label="Retention rules">
        {(rules ?? []).map((rule, index) => (
          <li key={index}>
            {sourceName(rule.sourceId)} · {rule.topic ?? '#'}
            {rule.maxAgeDays !== undefined && ` · older than ${rule.maxAgeDays} days`}
            {rule.maxCount !== undefined && ` · beyond the newest ${rule.maxCount.toLocaleString()}`}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => void save((rules ?? []).filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="retention-form" role="group" aria-label="New retention rule">
        <select
          aria-label="Retention: messages from"
          value={draft.sourceId}
          onChange={(e) => setDraft({ ...draft, sourceId: e.target.value })}
        >
          <option value="">All sources</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name}
            </option>
          ))}
        </select>
        <input
          aria-label="Retention: matching"
          placeholder="e.g. logs/# (all)"
          value={draft.topic}
          onChange={(e) => setDraft({ ...draft, topic: e.target.value })}
        />
        <input
          aria-label="Retention: max age in days"
          type="number"
          min={0}
          step="any"
          placeholder="Max age (days)"
          value={draft.maxAgeDays}
          onChange={(e) => setDraft({ ...draft, maxAgeDays: e.target.value })}
        />
        <input
          aria-label="Retention: max count"
          type="number"
          min={0}
          placeholder="Max count"
          value={draft.maxCount}
          onChange={(e) => setDraft({ ...draft, maxCount: e.target.value })}
        />
        <button type="button" onClick={add}>
          Add rule
        </button>
      </div>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}{' '}
          {pending && (
            <button type="button" className="danger" onClick={() => void save(pending, true)}>
              Delete them
            </button>
          )}
        </p>
      )}
    </details>
  );
}
