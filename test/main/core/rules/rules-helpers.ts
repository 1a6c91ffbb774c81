// Shared by the rules engine tests: documents checked through the real schema, and message subjects with
// defaults so that each table row names only what it is about.
import type { RuleSubject } from '../../../../src/main/core/rules/decision.ts';
import { RulesEngine, type RulesEngineOptions, type RulesState } from '../../../../src/main/core/rules/engine.ts';
import { checkRulesDocument, describeRuleProblem, type RuleInput } from '../../../../src/shared/rules/schema.ts';

/** An engine for these rules (validated as a document first); UTC unless a zone is given. */
export function engineOf(rules: RuleInput[], options: RulesEngineOptions = {}, state?: RulesState): RulesEngine {
  const checked = checkRulesDocument({ version: 1, rules });
  if (!checked.ok) throw new Error(checked.problems.map(describeRuleProblem).join('; '));
  return new RulesEngine(checked.document, { timeZone: 'UTC', ...options }, state);
}

export function subject(fields: Partial<RuleSubject> = {}): RuleSubject {
  return {
    sourceId: 'src-1',
    sourceName: 'Home broker',
    sourceKind: 'mqtt',
    topic: 'home/kitchen/temp',
    title: null,
    body: 'hello',
    bodyKind: 'text',
    priority: 3,
    receivedAt: 0,
    ...fields,
  };
}

/** A JSON body subject. */
export function json(value: unknown, fields: Partial<RuleSubject> = {}): RuleSubject {
  return subject({ body: JSON.stringify(value), bodyKind: 'json', ...fields });
}

export const at = (iso: string): number => Date.parse(iso);
export const MINUTE = 60_000;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** MQTT filter matching written straight from the spec, level by level: the reference for the trie. */
export function filterMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
