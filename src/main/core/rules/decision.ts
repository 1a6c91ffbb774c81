// What the rules decided for one message. It is stored with the message (in the same transaction), shown in
// the detail view ("muted by rule 'night' (quiet hours)"), exported (`notified`, `rule`), and drives the
// notification planner.
import type { BodyKind } from '../../../shared/model.ts';
import type { RuleAction } from '../../../shared/rules/schema.ts';
import type { SourceKind } from '../../../shared/sources.ts';

/** What the rules look at: the decoded message and where it came from. */
export interface RuleSubject {
  sourceId: string;
  sourceName: string;
  sourceKind: SourceKind;
  /** MQTT topic, ntfy topic, Gotify app name, or the endpoint of a WebSocket/SSE source. */
  topic: string;
  title: string | null;
  /** The decoded body (text or JSON text; '' for binary). */
  body: string;
  bodyKind: BodyKind;
  /** 1..5 as decoded, before any rule's override. */
  priority: number;
  receivedAt: number;
}

export interface Decision {
  action: RuleAction;
  /** The name of the rule that decided; null when no rule matched and the default applied. */
  rule: string | null;
  /** A few words on why, for people: "quiet hours 22:00-07:00", "snoozed until 08:00", "limit 1/60s", "low priority". */
  reason: string | null;
  /** The priority after any override (1..5). */
  priority: number;
  /** Whether an OS notification should be shown for it (action notify, not held back by a limit). */
  notify: boolean;
  /** For a notification: how many of this rule's notifications on this topic its limit held back since the last one. */
  heldBack: number;
}

/** The decision when there are no rules at all: notify from normal priority up, keep low priority quiet. */
export function defaultDecision(priority: number, minPriority = 1): Decision {
  const notify = priority >= Math.max(3, minPriority);
  return {
    action: notify ? 'notify' : 'silent',
    rule: null,
    reason: notify ? null : 'low priority',
    priority,
    notify,
    heldBack: 0,
  };
}
