// "What would this rule have done to the last 1,000 messages": the recent messages, oldest first, replayed
// through a fresh engine holding the current rules with the candidate in its place. Only the messages the
// candidate itself decides are counted; nothing is saved and no state of the real engine is touched.
import { checkRulesDocument, RULE_ACTIONS, type RuleAction, type RulesDocument } from '../../../shared/rules/schema.ts';
import type { RuleProblem } from '../../../shared/rules/schema.ts';
import type { RuleSubject } from './decision.ts';
import { RulesEngine } from './engine.ts';

export type PreviewSubject = RuleSubject & { id: number; shownTitle: string };

export interface RulePreview {
  problems: RuleProblem[];
  examined: number;
  matched: Record<RuleAction, number>;
  examples: { id: number; title: string; topic: string; action: RuleAction }[];
}

const MAX_EXAMPLES = 20;

/**
 * `index` is where the candidate stands among the current rules (default: first). A current rule with the
 * candidate's name is left out, so editing a rule previews the edited version in its place.
 */
export function previewRule(
  current: RulesDocument,
  candidate: unknown,
  index: number | undefined,
  subjects: readonly PreviewSubject[],
  options: { timeZone?: string } = {},
): RulePreview {
  const matched = Object.fromEntries(RULE_ACTIONS.map((action) => [action, 0])) as Record<RuleAction, number>;
  const single = checkRulesDocument({ version: 1, rules: [candidate] });
  if (!single.ok) return { problems: single.problems, examined: 0, matched, examples: [] };
  const rule = single.document.rules[0]!;
  const others = current.rules.filter((r) => r.name !== rule.name);
  const at = Math.min(Math.max(0, index ?? 0), others.length);
  const engine = new RulesEngine(
    { version: 1, rules: [...others.slice(0, at), rule, ...others.slice(at)] },
    options.timeZone ? { timeZone: options.timeZone } : {},
  );
  const examples: RulePreview['examples'] = [];
  for (const subject of subjects) {
    const decision = engine.decide(subject, subject.receivedAt);
    if (decision.rule !== rule.name) continue;
    matched[decision.action]++;
    examples.unshift({ id: subject.id, title: subject.shownTitle, topic: subject.topic, action: decision.action });
    if (examples.length > MAX_EXAMPLES) examples.pop();
  }
  return { problems: [], examined: subjects.length, matched, examples };
}
