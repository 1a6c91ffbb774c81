// The one line the detail view says about what was decided for a message, and by which rule.
import type { MessageDetail } from '../../shared/model.ts';
import type { MessageKey, Translate } from '../i18n/i18n.ts';
import { reasonText } from './reason-text.ts';

type Decided = Pick<MessageDetail, 'notified' | 'rule' | 'decision'>;

const BY_RULE: Record<MessageDetail['decision']['action'], MessageKey> = {
  notify: 'inbox.decision.notified',
  silent: 'inbox.decision.muted',
  read: 'inbox.decision.read',
  drop: 'inbox.decision.dropped',
};

/**
 * "Muted by rule 'night' (quiet hours 22:00-07:00)", "Held back by rule 'x' (limit 1/60s)", "Not notified (low
 * priority)". Null for the ordinary case, a message notified by default: nothing to explain. The reason in
 * brackets is main's, stored with the message, said in the UI's language (reason-text.ts).
 */
export function decisionLine({ notified, rule, decision }: Decided, t: Translate): string | null {
  const why = decision.reason ? t('inbox.decision.why', { reason: reasonText(decision.reason, t) }) : '';
  if (rule === null) {
    return notified ? null : `${t('row.notNotified')}${why}`;
  }
  const heldBack = decision.action === 'notify' && !notified;
  return `${t(heldBack ? 'inbox.decision.heldBack' : BY_RULE[decision.action], { rule })}${why}`;
}
