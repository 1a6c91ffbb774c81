// "What would this rule have done to the last 1,000 messages": asked of main (rules.preview) a moment after
// the user stops typing, and only for a rule that validates.
import { useEffect, useState } from 'react';
import type { CommandResponse } from '../../shared/contract.ts';
import { describeRuleProblem, RULE_ACTIONS, type RuleInput } from '../../shared/rules/schema.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';
import { ACTION_LABEL } from './rule-summary.ts';

export const PREVIEW_DELAY_MS = 300;
export const PREVIEW_LIMIT = 1000;

type Preview = CommandResponse<'rules.preview'>;
type PreviewState =
  { status: 'waiting' } | { status: 'loaded'; preview: Preview } | { status: 'failed'; error: string };

export function RulePreview({ rule, index, valid }: { rule: RuleInput; index: number; valid: boolean }) {
  const client = useClient();
  const t = useT();
  const [state, setState] = useState<PreviewState>({ status: 'waiting' });
  // The rule is a fresh object on every render; its text is what identifies a change.
  const key = valid ? JSON.stringify(rule) : null;

  useEffect(() => {
    if (key === null) return;
    let live = true;
    const timer = setTimeout(() => {
      client.invoke('rules.preview', { rule: JSON.parse(key) as unknown, index, limit: PREVIEW_LIMIT }).then(
        (preview) => live && setState({ status: 'loaded', preview }),
        (err: unknown) => live && setState({ status: 'failed', error: errorMessage(err) }),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, key, index]);

  return (
    <section className="rule-preview" aria-label={t('preview.label')} aria-live="polite" data-testid="rule-preview">
      <h3>{t('preview.title', { count: PREVIEW_LIMIT.toLocaleString('en-US') })}</h3>
      {!valid ? (
        <p className="muted">{t('preview.fixFirst')}</p>
      ) : state.status === 'waiting' ? (
        <p className="muted">{t('preview.looking')}</p>
      ) : state.status === 'failed' ? (
        <p className="inline-error">{t('preview.failed', { error: state.error })}</p>
      ) : (
        <PreviewResult preview={state.preview} />
      )}
    </section>
  );
}

function PreviewResult({ preview }: { preview: Preview }) {
  const t = useT();
  if (preview.problems.length > 0) {
    return <p className="inline-error">{preview.problems.map(describeRuleProblem).join('; ')}</p>;
  }
  if (preview.examined === 0) return <p className="muted">{t('preview.empty')}</p>;
  const counts = RULE_ACTIONS.map((action) => ({ action, count: preview.matched[action] ?? 0 }));
  const total = counts.reduce((sum, { count }) => sum + count, 0);
  return (
    <>
      <p data-testid="preview-counts">
        {total === 0
          ? t('preview.none', { examined: preview.examined.toLocaleString() })
          : t('preview.some', {
              total: total.toLocaleString(),
              examined: preview.examined.toLocaleString(),
              counts: counts
                .filter(({ count }) => count > 0)
                .map(({ action, count }) => `${t(ACTION_LABEL[action])} ${count.toLocaleString()}`)
                .join(' · '),
            })}
      </p>
      {preview.examples.length > 0 && (
        <ul className="preview-examples" aria-label={t('preview.examples')}>
          {preview.examples.map((example) => {
            // Like the inbox: a message without a title is named by its topic, said once.
            const title = example.title.trim() || example.topic;
            return (
              <li key={example.id}>
                <span className="preview-title">{title}</span>
                {title !== example.topic && <span className="muted small">{example.topic}</span>}
                <span className={`badge action-${example.action}`}>{t(ACTION_LABEL[example.action])}</span>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
