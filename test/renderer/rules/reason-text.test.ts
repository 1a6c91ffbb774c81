// Main's reasons for a decision, said in the UI's language: every form the rules engine writes is recognised,
// said unchanged in English and without its English words in Chinese; anything else is shown as stored.
import { describe, expect, it } from 'vitest';
import { reasonText } from '../../../src/renderer/rules/reason-text.ts';
import { translate, type Translate } from '../../../src/renderer/i18n/i18n.ts';
import { defaultDecision } from '../../../src/main/core/rules/decision.ts';
import { engineOf, json, subject } from '../../main/core/rules/rules-helpers.ts';

const en: Translate = (key, params) => translate('en', key, params);
const zh: Translate = (key, params) => translate('zh-CN', key, params);
const T0 = Date.parse('2026-06-10T12:00:00Z');

/** The reasons the engine itself writes, one rule of each kind. */
function reasonsFromTheEngine(): string[] {
  const reasons: (string | null)[] = [];
  const decide = (rule: Parameters<typeof engineOf>[0][number], message = subject({ topic: 'a/b' }), at = T0) =>
    reasons.push(engineOf([rule]).decide(message, at).reason);
  decide({ name: 'quiet', match: {}, when: { time: '00:00-24:00' }, action: 'silent' });
  decide({ name: 'snoozed', match: {}, action: 'notify', snoozeUntil: '2026-06-10T23:00:00Z' });
  decide({ name: 'topic', match: { topic: 'a/#' }, action: 'notify' });
  decide({ name: 'source', match: { source: 'home' }, action: 'notify' }, subject({ topic: 'a/b', sourceId: 'home' }));
  decide({ name: 'priority', match: { priority: '>=3' }, action: 'notify' });
  decide({ name: 'words', match: { text: ['door'] }, action: 'notify' }, subject({ title: 'front door' }));
  decide({ name: 'regex', match: { text: '/do+r/i' }, action: 'notify' }, subject({ title: 'Door' }));
  const hot = { name: 'hot', match: { value: '$.t > 30' }, for: '0s', action: 'notify' as const };
  decide(hot, json({ t: 31 }));
  const held = engineOf([{ name: 'held', match: { value: '$.t > 30' }, for: '1m', action: 'notify' }]);
  held.decide(json({ t: 31 }), T0);
  reasons.push(held.decide(json({ t: 31 }), T0 + 60_000).reason);
  const limited = engineOf([{ name: 'limited', match: {}, action: 'notify', limit: '1/60s' }]);
  limited.decide(subject(), T0);
  reasons.push(limited.decide(subject(), T0 + 1).reason);
  reasons.push(defaultDecision(1).reason);
  return reasons.filter((reason): reason is string => reason !== null);
}

describe('reasonText', () => {
  const reasons = reasonsFromTheEngine();

  it('knows every kind of reason the engine writes', () => {
    expect(reasons).toHaveLength(11);
  });

  it('says them unchanged in English', () => {
    for (const reason of reasons) expect(reasonText(reason, en)).toBe(reason);
  });

  it('says them in Chinese, keeping what the rule itself wrote (filters, conditions, times)', () => {
    const said = reasons.map((reason) => reasonText(reason, zh));
    for (const text of said) {
      expect(text).not.toMatch(/\b(quiet hours|snoozed|limit|matched|priority|topic|source|for|became|low)\b/);
    }
    expect(said).toContain('主题 a/#');
    expect(said).toContain('$.t > 30 持续 1m');
    expect(said).toContain('$.t > 30（刚成立）');
  });

  it('shows a reason it does not know as stored', () => {
    expect(reasonText('something new', zh)).toBe('something new');
  });
});
