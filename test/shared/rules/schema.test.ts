import { describe, expect, it } from 'vitest';
import { checkRulesDocument, describeRuleProblem, type RuleProblem } from '../../../src/shared/rules/schema.ts';

const VALUE_FORM = `write a value condition like "$.temperature > 30", "$.state == 'open'", "$ >= 21.5" or "changed"`;
const TEXT_FORM = 'a text match is a list of words, or a regular expression written /like this/i';
const DOCUMENT_FORM = 'a rules document is a JSON object: { "version": 1, "rules": [ ... ] }';

/** A document with one rule: name "r", action notify, plus `fields`. */
const one = (fields: Record<string, unknown>) => ({ version: 1, rules: [{ name: 'r', action: 'notify', ...fields }] });
const problem = (field: string, reason: string): RuleProblem => ({ index: 0, name: 'r', field, reason });

describe('checkRulesDocument: refused documents, each problem with rule index, field and reason', () => {
  const cases: [string, unknown, RuleProblem[]][] = [
    ['not an object', null, [{ index: null, field: '(document)', reason: DOCUMENT_FORM }]],
    ['a list', [], [{ index: null, field: '(document)', reason: DOCUMENT_FORM }]],
    [
      'empty object',
      {},
      [
        { index: null, field: 'version', reason: 'version must be 1' },
        { index: null, field: 'rules', reason: 'rules must be a list of rules' },
      ],
    ],
    ['version 2', { version: 2, rules: [] }, [{ index: null, field: 'version', reason: 'version must be 1' }]],
    [
      'rules not a list',
      { version: 1, rules: {} },
      [{ index: null, field: 'rules', reason: 'rules must be a list of rules' }],
    ],
    [
      'an unknown top-level field',
      { version: 1, rules: [], rule: [] },
      [{ index: null, field: 'rule', reason: 'unknown field' }],
    ],
    [
      'a rule that is not an object',
      { version: 1, rules: ['quiet'] },
      [{ index: 0, field: '(rule)', reason: 'a rule is an object with at least "name" and "action"' }],
    ],
    [
      'no name',
      { version: 1, rules: [{ action: 'notify' }] },
      [{ index: 0, field: 'name', reason: 'every rule needs a name' }],
    ],
    [
      'a blank name',
      { version: 1, rules: [{ name: '  ', action: 'notify' }] },
      [{ index: 0, name: '  ', field: 'name', reason: 'every rule needs a name' }],
    ],
    [
      'no action',
      { version: 1, rules: [{ name: 'r' }] },
      [problem('action', 'action must be one of notify, silent, read, drop')],
    ],
    [
      'an unknown action',
      one({ action: 'mute' }),
      [problem('action', 'action must be one of notify, silent, read, drop')],
    ],
    ['a misspelt field', one({ acton: 'drop' }), [problem('acton', 'unknown field')]],
    ['enabled not a boolean', one({ enabled: 'yes' }), [problem('enabled', 'enabled is true or false')]],
    [
      'match not an object',
      one({ match: 'kitchen' }),
      [problem('match', 'match is an object of conditions: source, topic, text, priority, value')],
    ],
    ['an unknown match field', one({ match: { topics: 'a' } }), [problem('match.topics', 'unknown field')]],
    ['an empty source', one({ match: { source: ' ' } }), [problem('match.source', 'source is empty')]],
    ['an empty topic filter', one({ match: { topic: '' } }), [problem('match.topic', 'topic filter is empty')]],
    [
      'a topic filter with # inside',
      one({ match: { topic: 'home/#/temp' } }),
      [problem('match.topic', 'topic filter is invalid: # must be last and alone in its level, + alone in its level')],
    ],
    [
      'a topic filter with a partial +',
      one({ match: { topic: 'home/kitchen+' } }),
      [problem('match.topic', 'topic filter is invalid: # must be last and alone in its level, + alone in its level')],
    ],
    ['no words', one({ match: { text: [] } }), [problem('match.text', 'give at least one word')]],
    ['an empty word', one({ match: { text: ['error', ' '] } }), [problem('match.text.1', 'a word is empty')]],
    ['a word alone, not in a list', one({ match: { text: 'error' } }), [problem('match.text', TEXT_FORM)]],
    ['a number as text', one({ match: { text: 5 } }), [problem('match.text', TEXT_FORM)]],
    [
      'a regex that does not compile',
      one({ match: { text: '/(unclosed/' } }),
      [problem('match.text', 'the regular expression does not compile')],
    ],
    [
      'a regex with an unknown flag',
      one({ match: { text: '/error/x' } }),
      [problem('match.text', 'the regular expression does not compile')],
    ],
    [
      'a priority out of range',
      one({ match: { priority: '>=6' } }),
      [problem('match.priority', 'write a priority condition like ">=4", "<3" or "5" (priorities are 1-5)')],
    ],
    [
      'a priority as a number',
      one({ match: { priority: 4 } }),
      [problem('match.priority', 'write a priority condition like ">=4", "<3" or "5" (priorities are 1-5)')],
    ],
    ['a value without a literal', one({ match: { value: '$.temperature >' } }), [problem('match.value', VALUE_FORM)]],
    ['a value without $', one({ match: { value: 'temperature > 30' } }), [problem('match.value', VALUE_FORM)]],
    ['when not an object', one({ when: 'nights' }), [problem('when', 'when is an object with "days" and/or "time"')]],
    [
      'a misspelt day',
      one({ when: { days: ['mon', 'thurs'] } }),
      [problem('when.days.1', 'days are written sun, mon, tue, wed, thu, fri, sat')],
    ],
    ['no days', one({ when: { days: [] } }), [problem('when.days', 'give at least one day')]],
    [
      'an impossible time',
      one({ when: { time: '22:00-25:00' } }),
      [problem('when.time', 'write a time range like "22:00-07:00" (24-hour clock, local time)')],
    ],
    [
      'an empty time range',
      one({ when: { time: '07:00-07:00' } }),
      [problem('when.time', 'write a time range like "22:00-07:00" (24-hour clock, local time)')],
    ],
    [
      'a 12-hour time',
      one({ when: { time: '10pm-7am' } }),
      [problem('when.time', 'write a time range like "22:00-07:00" (24-hour clock, local time)')],
    ],
    [
      'for without a value condition',
      one({ for: '5m' }),
      [problem('for', '"for" needs a value condition in match.value to hold that long')],
    ],
    [
      'for with changed',
      one({ match: { value: '$.state changed' }, for: '5m' }),
      [problem('for', '"for" needs a comparison such as "$.temperature > 30" to hold; "changed" has no duration')],
    ],
    [
      'a duration in words',
      one({ match: { value: '$.t > 30' }, for: '5 minutes' }),
      [problem('for', 'write a duration like "30s", "5m" or "2h" ("0s": as soon as it holds)')],
    ],
    ['a priority override of 6', one({ priority: 6 }), [problem('priority', 'priority is a whole number from 1 to 5')]],
    ['a fractional priority', one({ priority: 2.5 }), [problem('priority', 'priority is a whole number from 1 to 5')]],
    [
      'a priority override as text',
      one({ priority: 'high' }),
      [problem('priority', 'priority is a whole number from 1 to 5')],
    ],
    [
      'a limit of zero',
      one({ limit: '0/60s' }),
      [problem('limit', 'write a limit like "1/60s" (notifications per time window)')],
    ],
    [
      'a limit over 1000 per window',
      one({ limit: '5000/1h' }),
      [problem('limit', 'a limit lets at most 1000 notifications through per window')],
    ],
    [
      'a limit without a window',
      one({ limit: '5' }),
      [problem('limit', 'write a limit like "1/60s" (notifications per time window)')],
    ],
    [
      'a snooze in words',
      one({ snoozeUntil: 'tomorrow' }),
      [problem('snoozeUntil', 'write snoozeUntil as an ISO time, e.g. 2026-12-24T08:00:00Z')],
    ],
    [
      'a snooze without a zone',
      one({ snoozeUntil: '2026-12-24T08:00:00' }),
      [problem('snoozeUntil', 'write snoozeUntil as an ISO time, e.g. 2026-12-24T08:00:00Z')],
    ],
  ];

  for (const [name, input, problems] of cases) {
    it(name, () => {
      expect(checkRulesDocument(input)).toEqual({ ok: false, problems });
    });
  }

  it('reports every problem of every rule, rules counted from 1 for people', () => {
    const check = checkRulesDocument({
      version: 1,
      rules: [
        { name: 'fine', action: 'notify' },
        { name: 'night', action: 'silent', when: { time: 'late' } },
        { name: 'x', action: 'loud', priority: 0 },
      ],
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.map(describeRuleProblem).sort()).toEqual([
      'rule 2 "night", when.time: write a time range like "22:00-07:00" (24-hour clock, local time)',
      'rule 3 "x", action: action must be one of notify, silent, read, drop',
      'rule 3 "x", priority: priority is a whole number from 1 to 5',
    ]);
    expect(describeRuleProblem({ index: null, field: 'version', reason: 'version must be 1' })).toBe(
      'version: version must be 1',
    );
  });
});

describe('checkRulesDocument: accepted documents', () => {
  it('fills defaults and keeps every field', () => {
    const rule = {
      name: 'all fields',
      match: {
        source: 'Home',
        topic: 'home/+/temp',
        text: ['hot', '温度'],
        priority: '>=2',
        value: '$.temperature > 30',
      },
      when: { days: ['mon', 'sun'], time: '22:00-07:00' },
      for: '5m',
      action: 'notify',
      priority: 5,
      limit: '1/60s',
      snoozeUntil: '2026-12-24T08:00:00+01:00',
    };
    expect(checkRulesDocument({ version: 1, rules: [rule, { name: 'bare', action: 'drop' }] })).toEqual({
      ok: true,
      document: {
        version: 1,
        rules: [
          { ...rule, enabled: true },
          { name: 'bare', action: 'drop', enabled: true, match: {} },
        ],
      },
    });
  });

  it('accepts a regex, "changed", 24:00 as an end, and an empty list of rules', () => {
    const accepted = [
      { version: 1, rules: [] },
      one({ match: { text: '/fail(ed|ure)/i' } }),
      one({ match: { value: 'changed' } }),
      one({ match: { value: "$['a b'][0] changed" } }),
      one({ when: { time: '18:00-24:00' } }),
      one({ snoozeUntil: '2026-12-24T08:00:00Z' }),
    ];
    for (const input of accepted) expect(checkRulesDocument(input).ok, JSON.stringify(input)).toBe(true);
  });
});
