// The detail view's one line about what was decided for a message, and by which rule.
import { describe, expect, it } from 'vitest';
import type { MessageDetail } from '../../../src/shared/model.ts';
import { decisionLine } from '../../../src/renderer/rules/decision-text.ts';
import { translate, type Translate } from '../../../src/renderer/i18n/i18n.ts';

const en: Translate = (key, params) => translate('en', key, params);

type Decided = Pick<MessageDetail, 'notified' | 'rule' | 'decision'>;
const decided = (
  action: Decided['decision']['action'],
  rule: string | null,
  notified: boolean,
  reason: string | null = null,
): Decided => ({ notified, rule, decision: { action, reason } });

describe('decisionLine', () => {
  it.each([
    [
      'a silent rule',
      decided('silent', 'night', false, 'quiet hours 22:00-07:00'),
      "Muted by rule 'night' (quiet hours 22:00-07:00)",
    ],
    [
      'a snoozed rule',
      decided('silent', 'kitchen', false, 'snoozed until 08:00'),
      "Muted by rule 'kitchen' (snoozed until 08:00)",
    ],
    ['a read rule', decided('read', 'chatter', false), "Marked read by rule 'chatter'"],
    [
      'a notify rule held back by its limit',
      decided('notify', 'x', false, 'limit 1/60s'),
      "Held back by rule 'x' (limit 1/60s)",
    ],
    ['a notify rule that notified', decided('notify', 'x', true), "Notified by rule 'x'"],
    ['the default for low priority', decided('silent', null, false, 'low priority'), 'Not notified (low priority)'],
    ['the default without a reason', decided('notify', null, false), 'Not notified'],
  ])('explains %s', (_, message, line) => {
    expect(decisionLine(message, en)).toBe(line);
  });

  it('says nothing for the ordinary case: notified by default', () => {
    expect(decisionLine(decided('notify', null, true), en)).toBeNull();
  });

  it("speaks Chinese when the user does, keeping the rule name, with main's reason in Chinese too", () => {
    const zh: Translate = (key, params) => translate('zh-CN', key, params);
    expect(decisionLine(decided('silent', 'night', false, 'quiet hours 22:00-07:00'), zh)).toBe(
      '已静音，依据规则“night”（免打扰时段 22:00-07:00）',
    );
    expect(decisionLine(decided('notify', 'x', false), zh)).toBe('已暂缓，依据规则“x”');
    expect(decisionLine(decided('notify', null, false), zh)).toBe('未通知');
  });
});
