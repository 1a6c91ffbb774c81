// The rules in the order they are checked: switch them on and off, reorder (buttons or drag), edit, delete, add,
// or edit the whole document as JSON. Every change saves the whole document (rules.set); a refused one saves
// nothing and says why.
import { useState } from 'react';
import type { SourceView } from '../../shared/model.ts';
import { describeRuleProblem, type RuleProblem, type RulesDocument } from '../../shared/rules/schema.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import type { PolicyView } from '../../shared/policy.ts';
import { PolicyNotice, policyLocks } from '../policy/PolicyNotice.tsx';
import { RawRulesEditor } from './RawRulesEditor.tsx';
import { RuleForm } from './RuleForm.tsx';
import { RuleItem } from './RuleItem.tsx';
import { droppedCount, moveItem, withEnabled, withoutRule, withRules } from './rules-list.ts';
import type { SummaryContext } from './rule-summary.ts';
import { useRules } from './use-rules.ts';

type Editing = { mode: 'add' } | { mode: 'edit'; index: number } | { mode: 'json' } | null;

interface RulesPageProps {
  /** Whether the page is on show: the rules are fetched again each time it is (snoozes change them elsewhere). */
  active: boolean;
  sources: readonly SourceView[];
  /** The administrator's policy, if any; when it locks the rules they are shown read-only. */
  policy?: PolicyView | null;
}

export function RulesPage({ active, sources, policy }: RulesPageProps) {
  const locked = policyLocks(policy, 'rules');
  const { rules, error, save, change: saveChange } = useRules(active);
  const t = useT();
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ from: number; over: number } | null>(null);

  const summary: SummaryContext = {
    sourceName: (idOrName) => sources.find((source) => source.id === idOrName)?.name ?? idOrName,
  };

  async function change(next: RulesDocument) {
    setProblem(null);
    setBusy(true);
    try {
      const problems: RuleProblem[] = await saveChange(next);
      if (problems.length > 0) setProblem(t('rules.notSaved', { error: problems.map(describeRuleProblem).join('; ') }));
    } catch (err) {
      setProblem(t('rules.notSaved', { error: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }

  if (!rules) {
    return (
      <div className="rules-page">
        <h2>{t('nav.rules')}</h2>
        {error ? (
          <p className="inline-error" role="alert">
            {t('rules.loadFailed', { error })}
          </p>
        ) : (
          <p className="muted">{t('detail.loading')}</p>
        )}
      </div>
    );
  }

  const { document } = rules;
  if (editing?.mode === 'json') {
    return (
      <div className="rules-page">
        <RawRulesEditor document={document} onSave={save} onDone={() => setEditing(null)} />
      </div>
    );
  }
  if (editing) {
    return (
      <div className="rules-page">
        <RuleForm
          key={editing.mode === 'edit' ? `edit-${editing.index}` : 'add'}
          rules={document.rules}
          index={editing.mode === 'edit' ? editing.index : null}
          sources={sources}
          onSave={save}
          onSaved={() => setEditing(null)}
          onCancel={() => setEditing(null)}
        />
      </div>
    );
  }

  const drop = () => {
    if (drag && drag.from !== drag.over)
      void change(withRules(document, moveItem(document.rules, drag.from, drag.over)));
    setDrag(null);
  };
  return (
    <div className="rules-page">
      <div className="rules-header">
        <h2>{t('nav.rules')}</h2>
        {!locked && (
          <>
            <button type="button" className="push-right" onClick={() => setEditing({ mode: 'json' })}>
              {t('rules.editJson')}
            </button>
            <button type="button" className="primary" onClick={() => setEditing({ mode: 'add' })}>
              {t('rules.add')}
            </button>
          </>
        )}
      </div>
      <PolicyNotice policy={policy} part="rules" />
      <p className="muted small">{t('rules.intro')}</p>
      {problem && (
        <p className="form-refusal" role="alert">
          {problem}
        </p>
      )}
      {document.rules.length === 0 ? (
        <p className="muted" data-testid="no-rules">
          {t('rules.none')}
        </p>
      ) : (
        <fieldset className="policy-lockable" disabled={locked}>
          <ol className="rule-list" aria-label={t('nav.rules')} aria-busy={busy || undefined}>
            {document.rules.map((rule, index) => (
              <RuleItem
                // Names need not be unique; the position is the rule's identity in a document.
                key={`${index}-${rule.name}`}
                rule={rule}
                index={index}
                count={document.rules.length}
                dropped={droppedCount(rule, rules.dropped)}
                busy={busy}
                summary={summary}
                dropTarget={drag !== null && drag.over === index && drag.from !== index}
                onToggle={(enabled) => void change(withEnabled(document, index, enabled))}
                onMove={(to) => void change(withRules(document, moveItem(document.rules, index, to)))}
                onEdit={() => setEditing({ mode: 'edit', index })}
                onDelete={() => void change(withoutRule(document, index))}
                onDragStart={() => setDrag({ from: index, over: index })}
                onDragOver={() => setDrag((current) => current && { ...current, over: index })}
                onDrop={drop}
                onDragEnd={() => setDrag(null)}
              />
            ))}
          </ol>
        </fieldset>
      )}
    </div>
  );
}
