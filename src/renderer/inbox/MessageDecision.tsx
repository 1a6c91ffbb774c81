// What the rules decided for this message, in one line, and the one-click ways to quiet its topic: mute it
// (a rule at the top) or snooze it for a while (a temporary rule).
import { useState } from 'react';
import type { MessageDetail } from '../../shared/model.ts';
import { describeRuleProblem } from '../../shared/rules/schema.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { decisionLine } from '../rules/decision-text.ts';
import { SnoozeMenu } from '../rules/SnoozeMenu.tsx';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';

export function MessageDecision({ detail }: { detail: MessageDetail }) {
  const t = useT();
  const line = decisionLine(detail, t);
  return (
    <div className="message-decision">
      {line && (
        <p className="decision-line" data-testid="decision-line">
          {line}
        </p>
      )}
      <div className="decision-actions" role="group" aria-label={t('decision.attention')}>
        <MuteTopicButton topic={detail.topic} sourceId={detail.sourceId} />
        <SnoozeMenu topic={detail.topic} sourceId={detail.sourceId} what={detail.topic} />
      </div>
    </div>
  );
}

function MuteTopicButton({ topic, sourceId }: { topic: string; sourceId: string }) {
  const client = useClient();
  const t = useT();
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function mute() {
    setOutcome(null);
    setBusy(true);
    try {
      const reply = await client.invoke('rules.mute', { topic, sourceId });
      setOutcome(
        reply.problems.length > 0
          ? { text: t('mute.failed', { error: reply.problems.map(describeRuleProblem).join('; ') }), failed: true }
          : { text: t('mute.done', { topic }), failed: false },
      );
    } catch (err) {
      setOutcome({ text: t('mute.failed', { error: errorMessage(err) }), failed: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" onClick={mute} disabled={busy}>
        {t('mute.button')}
      </button>
      <span className={outcome?.failed ? 'rule-outcome failed' : 'rule-outcome'} role="status">
        {outcome?.text}
      </span>
    </>
  );
}
