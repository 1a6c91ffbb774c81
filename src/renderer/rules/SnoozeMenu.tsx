// "Snooze ▾ 15 min / 1 h / 8 h / until tomorrow" for a topic or a whole source: one click writes a temporary
// silent rule (rules.snooze) and says until when.
import { useState } from 'react';
import { describeRuleProblem } from '../../shared/rules/schema.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';
import { useClient } from '../transport/connection-context.ts';
import { ChoiceMenu } from './ChoiceMenu.tsx';
import { SNOOZE_CHOICES, snoozeEnd, type SnoozeChoice } from './durations.ts';
import { untilText } from './time-text.ts';

interface SnoozeMenuProps {
  topic?: string;
  sourceId?: string;
  /** What is snoozed, in the confirmation: "kitchen/temp", "Home broker". */
  what: string;
}

export function SnoozeMenu({ topic, sourceId, what }: SnoozeMenuProps) {
  const client = useClient();
  const t = useT();
  const [outcome, setOutcome] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function snooze(choice: Pick<SnoozeChoice, 'id'>) {
    setOutcome(null);
    setBusy(true);
    const now = new Date();
    const until = snoozeEnd(choice.id, now);
    try {
      const reply = await client.invoke('rules.snooze', {
        ...(topic !== undefined ? { topic } : {}),
        ...(sourceId !== undefined ? { sourceId } : {}),
        until: until.toISOString(),
      });
      setOutcome(
        reply.problems.length > 0
          ? { text: t('snooze.failed', { error: reply.problems.map(describeRuleProblem).join('; ') }), failed: true }
          : { text: t('snooze.done', { what, until: untilText(until, now, t) }), failed: false },
      );
    } catch (err) {
      setOutcome({ text: t('snooze.failed', { error: errorMessage(err) }), failed: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="snooze">
      <ChoiceMenu<SnoozeChoice & { label: string }>
        label={t('snooze.label')}
        ariaLabel={t('snooze.what', { what })}
        groupLabel={t('snooze.whatFor', { what })}
        choices={SNOOZE_CHOICES.map((choice) => ({ ...choice, label: t(choice.labelKey) }))}
        disabled={busy}
        onChoose={snooze}
      />
      <span className={outcome?.failed ? 'rule-outcome failed' : 'rule-outcome'} role="status">
        {outcome?.text}
      </span>
    </div>
  );
}
