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
import { useT } from '../i18n/i18n.ts';

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
  const t = useT();
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
      setProblem(t('inbox.retention.needLimit'));
      return;
    }
    if (rule.topic !== undefined && !isValidTopicFilter(rule.topic)) {
      setProblem(t('inbox.retention.badTopic'));
      return;
    }
    void save([...(rules ?? []), rule]);
  }

  const sourceName = (id: string | undefined) =>
    id === undefined ? t('filter.allSources') : (sources.find((s) => s.id === id)?.name ?? id);

  return (
    <details className="retention-panel">
      <summary>
        {t('inbox.retention.title')}
        {rules && rules.length > 0 ? ` (${rules.length})` : ''}
      </summary>
      {purge && (
        <p className="muted small" role="status" data-testid="purge-progress">
          {t('inbox.retention.purging', { count: purge.deleted.toLocaleString() })}
        </p>
      )}
      {rules !== null && rules.length === 0 && <p className="muted small">{t('inbox.retention.none')}</p>}
      <ul className="retention-rules" aria-label={t('inbox.retention.rules')}>
        {(rules ?? []).map((rule, index) => (
          <li key={index}>
            {sourceName(rule.sourceId)} · {rule.topic ?? '#'}
            {rule.maxAgeDays !== undefined && t('inbox.retention.olderThan', { days: rule.maxAgeDays })}
            {rule.maxCount !== undefined && t('inbox.retention.beyond', { count: rule.maxCount.toLocaleString() })}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => void save((rules ?? []).filter((_, i) => i !== index))}
            >
              {t('inbox.retention.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="retention-form" role="group" aria-label={t('inbox.retention.new')}>
        <select
          aria-label={t('inbox.retention.source')}
          value={draft.sourceId}
          onChange={(e) => setDraft({ ...draft, sourceId: e.target.value })}
        >
          <option value="">{t('filter.allSources')}</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name}
            </option>
          ))}
        </select>
        <input
          aria-label={t('inbox.retention.topic')}
          placeholder={t('inbox.retention.topicPlaceholder')}
          value={draft.topic}
          onChange={(e) => setDraft({ ...draft, topic: e.target.value })}
        />
        <input
          aria-label={t('inbox.retention.maxAge')}
          type="number"
          min={0}
          step="any"
          placeholder={t('inbox.retention.maxAgePlaceholder')}
          value={draft.maxAgeDays}
          onChange={(e) => setDraft({ ...draft, maxAgeDays: e.target.value })}
        />
        <input
          aria-label={t('inbox.retention.maxCount')}
          type="number"
          min={0}
          placeholder={t('inbox.retention.maxCountPlaceholder')}
          value={draft.maxCount}
          onChange={(e) => setDraft({ ...draft, maxCount: e.target.value })}
        />
        <button type="button" onClick={add}>
          {t('inbox.retention.add')}
        </button>
      </div>
      {problem && (
        <p className="inline-error" role="alert">
          {problem}{' '}
          {pending && (
            <button type="button" className="danger" onClick={() => void save(pending, true)}>
              {t('inbox.retention.confirm')}
            </button>
          )}
        </p>
      )}
    </details>
  );
}
