// Reordering, switching and deleting rules as whole-document edits.
import { describe, expect, it } from 'vitest';
import type { Rule, RulesDocument } from '../../../src/shared/rules/schema.ts';
import { droppedCount, moveItem, withEnabled, withoutRule } from '../../../src/renderer/rules/rules-list.ts';

const rule = (name: string, action: Rule['action'] = 'silent'): Rule => ({ name, enabled: true, match: {}, action });
const doc: RulesDocument = { version: 1, rules: [rule('a'), rule('b'), rule('c', 'drop')] };
const names = (document: RulesDocument) => document.rules.map((r) => r.name);

describe('moveItem', () => {
  it.each([
    [0, 2, ['b', 'c', 'a']],
    [2, 0, ['c', 'a', 'b']],
    [1, 0, ['b', 'a', 'c']],
    [1, 1, ['a', 'b', 'c']],
    [0, 3, ['a', 'b', 'c']],
  ])('moves %i to %i', (from, to, order) => {
    expect(moveItem(['a', 'b', 'c'], from, to)).toEqual(order);
  });

  it('leaves the original list alone', () => {
    const list = ['a', 'b'];
    moveItem(list, 0, 1);
    expect(list).toEqual(['a', 'b']);
  });
});

describe('document edits', () => {
  it('switches one rule off', () => {
    expect(withEnabled(doc, 1, false).rules.map((r) => r.enabled)).toEqual([true, false, true]);
  });

  it('deletes one rule', () => {
    expect(names(withoutRule(doc, 0))).toEqual(['b', 'c']);
  });
});

describe('droppedCount', () => {
  it('counts only for dropping rules, zero when none dropped yet', () => {
    expect(droppedCount(rule('c', 'drop'), { c: 7 })).toBe(7);
    expect(droppedCount(rule('d', 'drop'), {})).toBe(0);
    expect(droppedCount(rule('a'), { a: 3 })).toBeNull();
  });
});
