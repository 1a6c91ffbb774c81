import { describe, expect, it } from 'vitest';
import { RulesEngine } from '../../../../src/main/core/rules/engine.ts';
import { parsePriorityCondition, parseRegexLiteral } from '../../../../src/shared/rules/parse.ts';
import { checkRulesDocument, type RuleInput } from '../../../../src/shared/rules/schema.ts';
import { filterMatches, random } from './rules-helpers.ts';

describe('candidate index', () => {
  it('lets the engine decide as checking every rule in order would, on random rules and messages', () => {
    const next = random(23);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const levels = ['a', 'b', 'c', 'Build'];
    const words = ['err', 'OK', '温度', 'disk full', 'ab'];
    const fillers = ['nothing', 'plain', 'hello', 'zzz', 'x', 'y', 'q', 'w'];
    const sources = ['s1', 's2', 'Name 1', 'Build'];
    const ops = ['>=', '<', '==', '!='] as const;
    const decided: [number, number] = [0, 0];
    for (let round = 0; round < 10; round++) {
      const rules: RuleInput[] = Array.from({ length: 25 }, (_, i) => {
        const match: NonNullable<RuleInput['match']> = {};
        if (next() < 0.5)
          match.topic =
            Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick([...levels, '+'])).join('/') +
            (next() < 0.2 ? '/#' : '');
        if (next() < 0.3) match.source = pick(sources);
        if (next() < 0.4) match.text = next() < 0.2 ? `/${pick(words)}$/i` : [pick(words)];
        if (next() < 0.4) match.priority = `${pick(ops)}${1 + Math.floor(next() * 5)}`;
        if (Object.keys(match).length < 2) match.text = [pick(words)];
        return {
          name: `r${i}`,
          enabled: next() < 0.9,
          match,
          action: pick(['notify', 'silent', 'read', 'drop'] as const),
        };
      });
      const checked = checkRulesDocument({ version: 1, rules });
      expect(checked.ok).toBe(true);
      const engine = new RulesEngine(checked.ok ? checked.document : { version: 1, rules: [] }, { timeZone: 'UTC' });
      for (let i = 0; i < 300; i++) {
        const s = {
          sourceId: pick(sources),
          sourceName: pick(sources),
          sourceKind: pick(['mqtt', 'websocket', 'sse', 'ntfy'] as const),
          topic: Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(levels)).join('/'),
          title: next() < 0.5 ? null : pick([...words, ...fillers]).toUpperCase(),
          body: `${pick([...words, ...fillers])} x ${pick([...words, ...fillers])}`,
          bodyKind: 'text' as const,
          priority: 1 + Math.floor(next() * 5),
          receivedAt: 0,
        };
        const reference = rules.find((rule) => {
          const m = rule.match ?? {};
          if (rule.enabled === false) return false;
          if (m.source !== undefined && m.source !== s.sourceId && m.source !== s.sourceName) return false;
          const byName = s.sourceKind === 'websocket' || s.sourceKind === 'sse';
          if (
            m.topic !== undefined &&
            !filterMatches(m.topic, s.topic) &&
            !(byName && filterMatches(m.topic, s.sourceName))
          )
            return false;
          if (Array.isArray(m.text)) {
            const text = [s.title ?? '', s.body].map((t) => t.toLowerCase());
            if (!m.text.some((w) => text.some((t) => t.includes(w.toLowerCase())))) return false;
          } else if (m.text !== undefined) {
            const regex = parseRegexLiteral(m.text)!;
            if (!regex.test(s.title ?? '') && !regex.test(s.body)) return false;
          }
          if (m.priority !== undefined) {
            const { op, value } = parsePriorityCondition(m.priority)!;
            const p = s.priority;
            const fits = { '>=': p >= value, '<': p < value, '==': p === value, '!=': p !== value }[
              op as (typeof ops)[number]
            ];
            if (!fits) return false;
          }
          return true;
        });
        expect(engine.decide(s, 0).rule, JSON.stringify(s)).toBe(reference?.name ?? null);
        decided[reference ? 1 : 0]++;
      }
    }
    // Both outcomes are common, so the comparison means something.
    expect(Math.min(...decided), String(decided)).toBeGreaterThan(500);
  });
});
