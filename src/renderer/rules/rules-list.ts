// Changes to the list of rules as whole-document edits: the Rules page always saves the whole document.
import type { Rule, RulesDocument } from '../../shared/rules/schema.ts';

/** The list with the item at `from` moved to `to` (both positions in the original list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length || from === to) return next;
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export function withRules(document: RulesDocument, rules: Rule[]): RulesDocument {
  return { ...document, rules };
}

export function withoutRule(document: RulesDocument, index: number): RulesDocument {
  return withRules(
    document,
    document.rules.filter((_, i) => i !== index),
  );
}

export function withEnabled(document: RulesDocument, index: number, enabled: boolean): RulesDocument {
  return withRules(
    document,
    document.rules.map((rule, i) => (i === index ? { ...rule, enabled } : rule)),
  );
}

/** How many messages a dropping rule dropped (rules.get counts by rule name); null for other actions. */
export function droppedCount(rule: Rule, dropped: Record<string, number>): number | null {
  return rule.action === 'drop' ? (dropped[rule.name] ?? 0) : null;
}
