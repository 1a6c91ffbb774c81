// The one line the detail view says about what was decided for a message, and by which rule.
import type { MessageDetail } from '../../shared/model.ts';

type Decided = Pick<MessageDetail, 'notified' | 'rule' | 'decision'>;

/**
 * "Muted by rule 'night' (quiet hours 22:00-07:00)", "Held back by rule 'x' (limit 1/60s)", "Not notified (low
 * priority)". Null for the ordinary case, a message notified by default: nothing to explain.
 */
export function decisionLine({ notified, rule, decision }: Decided): string | null {
  const why = decision.reason ? ` (${decision.reason})` : '';
  if (rule === null) {
    return notified ? null : `Not notified${why}`;
  }
  const by = `by rule '${rule}'${why}`;
  switch (decision.action) {
    case 'notify':
      return notified ? `Notified ${by}` : `Held back ${by}`;
    case 'silent':
      return `Muted ${by}`;
    case 'read':
      return `Marked read ${by}`;
    case 'drop':
      return `Dropped ${by}`;
  }
}
