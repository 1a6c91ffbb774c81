// "What would this rule have done to the last 1,000 messages": asked of main (rules.preview) a moment after
// the user stops typing, and only for a rule that validates.
import { useEffect, useState } from 'react';
import type { CommandResponse } from '../../shared/contract.ts';
import { describeRuleProblem, RULE_ACTIONS, type RuleInput } from '../../shared/rules/schema.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useClient } from '../transport/connection-context.ts';
import { ACTION_LABEL } from './rule-summary.ts';

export const PREVIEW_DELAY_MS = 300;
export const PREVIEW_LIMIT = 1000;

type Preview = CommandResponse<'rules.preview'>;
type PreviewState =
  { status: 'waiting' } | { status: 'loaded'; preview: Preview } | { status: 'failed'; error: string };

export function RulePreview({ rule, index, valid }: { rule: RuleInput; index: number; valid: boolean }) {
  const client = useClient();
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
    <section className="rule-preview" aria-label="Preview" aria-live="polite" data-testid="rule-preview">
      <h3>What this rule would have done to the last {PREVIEW_LIMIT.toLocaleString('en-US')} messages</h3>
      {!valid ? (
        <p className="muted">Fix the problems above to see a preview.</p>
      ) : state.status === 'waiting' ? (
        <p className="muted">Looking…</p>
      ) : state.status === 'failed' ? (
        <p className="inline-error">Could not preview: {state.error}</p>
      ) : (
        <PreviewResult preview={state.preview} />
      )}
    </section>
  );
}

function PreviewResult({ preview }: { preview: Preview }) {
  if (preview.problems.length > 0) {
    return <p className="inline-error">{preview.problems.map(describeRuleProblem).join('; ')}</p>;
  }
  if (preview.examined === 0) return <p className="muted">No messages in the inbox yet to try it on.</p>;
  const counts = RULE_ACTIONS.map((action) => ({ action, count: preview.matched[action] ?? 0 }));
  const total = counts.reduce((sum, { count }) => sum + count, 0);
  return (
    <>
      <p data-testid="preview-counts">
        {total === 0
          ? `It would have decided none of the ${preview.examined.toLocaleString()} messages.`
          : `It would have decided ${total.toLocaleString()} of ${preview.examined.toLocaleString()}: ` +
            counts
              .filter(({ count }) => count > 0)
              .map(({ action, count }) => `${ACTION_LABEL[action]} ${count.toLocaleString()}`)
              .join(' · ')}
      </p>
      {preview.examples.length > 0 && (
        <ul className="preview-examples" aria-label="Examples">
          {preview.examples.map((example) => {
            // Like the inbox: a message without a title is named by its topic, said once.
            const title = example.title.trim() || example.topic;
            return (
              <li key={example.id}>
                <span className="preview-title">{title}</span>
                {title !== example.topic && <span className="muted small">{example.topic}</span>}
                <span className={`badge action-${example.action}`}>{ACTION_LABEL[example.action]}</span>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
