// The rule form: values as typed <-> a rule, and the shared validator's problems placed next to their fields,
// checked on the whole document with the edited rule in its place.
import { describe, expect, it } from 'vitest';
import type { Rule, RuleInput } from '../../../src/shared/rules/schema.ts';
import {
  documentWith,
  emptyRuleForm,
  formFieldOf,
  formFromRule,
  fromLocalInput,
  ruleFromForm,
  toLocalInput,
  validateRuleForm,
  type RuleFormValues,
} from '../../../src/renderer/rules/rule-form.ts';

const form = (patch: Partial<RuleFormValues>): RuleFormValues => ({ ...emptyRuleForm(), ...patch });
const rule = (name: string, patch: Partial<Rule> = {}): Rule => ({
  name,
  enabled: true,
  match: {},
  action: 'silent',
  ...patch,
});

describe('form -> rule', () => {
  it('leaves out every empty field', () => {
    expect(ruleFromForm(form({ name: 'quiet' }))).toEqual({
      name: 'quiet',
      enabled: true,
      match: {},
      action: 'silent',
    });
  });

  it('splits words on commas and drops empty ones', () => {
    expect(ruleFromForm(form({ name: 'w', text: ' smoke, fire ,, ' })).match).toEqual({ text: ['smoke', 'fire'] });
  });

  it('keeps a /regex/ as one string', () => {
    expect(ruleFromForm(form({ name: 'r', text: '/disk \\d+%/i' })).match).toEqual({ text: '/disk \\d+%/i' });
  });

  it('turns the priority override into a number and the snooze into an ISO time', () => {
    const result = ruleFromForm(form({ name: 'p', priority: '5', snoozeUntil: '2026-05-12T14:30' }));
    expect(result.priority).toBe(5);
    expect(result.snoozeUntil).toBe(new Date(2026, 4, 12, 14, 30).toISOString());
  });

  it('writes when only with days or a time, days Monday first', () => {
    expect(ruleFromForm(form({ name: 'n' })).when).toBeUndefined();
    expect(ruleFromForm(form({ name: 'n', days: ['sat', 'sun'], time: '22:00-07:00' })).when).toEqual({
      days: ['sat', 'sun'],
      time: '22:00-07:00',
    });
  });
});

describe('rule -> form -> rule', () => {
  it('gives back the same rule, every field set', () => {
    const full: RuleInput = {
      name: 'everything',
      enabled: false,
      match: { source: 'home', topic: 'a/+/b', text: ['x', 'y'], priority: '>=4', value: '$.t > 30' },
      when: { days: ['mon', 'fri'], time: '22:00-07:00' },
      for: '5m',
      action: 'notify',
      priority: 2,
      limit: '1/60s',
      snoozeUntil: new Date(2026, 4, 12, 14, 30).toISOString(),
      temporary: true,
    };
    expect(ruleFromForm(formFromRule(full))).toEqual(full);
  });

  it('shows words comma-separated and days in week order', () => {
    const values = formFromRule({
      name: 'w',
      action: 'read',
      match: { text: ['a', 'b'] },
      when: { days: ['sun', 'mon'] },
    });
    expect(values.text).toBe('a, b');
    expect(values.days).toEqual(['mon', 'sun']);
  });

  it('converts snooze times to and from the local datetime input', () => {
    const iso = new Date(2026, 0, 2, 3, 4).toISOString();
    expect(toLocalInput(iso)).toBe('2026-01-02T03:04');
    expect(fromLocalInput('2026-01-02T03:04')).toBe(iso);
    expect(fromLocalInput('not a time')).toBe('not a time');
  });
});

describe('validation with the shared checker', () => {
  const rules = [rule('first'), rule('second')];

  it('accepts a good rule and places a new one last', () => {
    const result = validateRuleForm(form({ name: 'night', time: '22:00-07:00' }), rules, null);
    expect(result).toMatchObject({ ok: true, index: 2, errors: {} });
  });

  it("puts each problem next to its field, in the schema's words", () => {
    const result = validateRuleForm(
      form({ name: '', time: '25:00-07:00', topic: 'a/#/b', for: '5m', limit: 'often', text: '/(/' }),
      rules,
      1,
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual({
      name: 'every rule needs a name',
      time: 'write a time range like "22:00-07:00" (24-hour clock, local time)',
      topic: 'topic filter is invalid: # must be last and alone in its level, + alone in its level',
      for: '"for" needs a value condition in match.value to hold that long',
      limit: 'write a limit like "1/60s" (notifications per time window)',
      text: 'the regular expression does not compile',
    });
  });

  it('names problems in other rules of the document as general ones', () => {
    const broken = [{ ...rule('old'), when: { time: 'never' } }] as Rule[];
    const result = validateRuleForm(form({ name: 'new' }), broken, null);
    expect(result.errors).toEqual({
      general: 'rule 1 "old", when.time: write a time range like "22:00-07:00" (24-hour clock, local time)',
    });
  });

  it('maps field paths to form fields', () => {
    expect(formFieldOf('when.time')).toBe('time');
    expect(formFieldOf('match.text.2')).toBe('text');
    expect(formFieldOf('when.days.0')).toBe('days');
    expect(formFieldOf('match.priority')).toBe('matchPriority');
    expect(formFieldOf('priority')).toBe('priority');
    expect(formFieldOf('temporary')).toBe('snoozeUntil');
    expect(formFieldOf('(rule)')).toBe('general');
  });
});

describe('documentWith', () => {
  const rules = [rule('a'), rule('b'), rule('c')];

  it('replaces the rule being edited in its place', () => {
    const { document, index } = documentWith(rules, 1, rule('B'));
    expect(document.rules.map((r) => r.name)).toEqual(['a', 'B', 'c']);
    expect(index).toBe(1);
  });

  it('adds a new rule at the end', () => {
    const { document, index } = documentWith(rules, null, rule('d'));
    expect(document).toMatchObject({ version: 1 });
    expect(document.rules.map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(index).toBe(3);
  });
});
