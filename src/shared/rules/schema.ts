// The rules document: `{ "version": 1, "rules": [ ... ] }`, written by hand or by the Rules page, checked in
// order; the first enabled rule whose match and when fit decides what a message deserves. docs/rules.md is its
// reference. A document that does not validate is refused as a whole, each problem named by rule and field.
import { z } from 'zod';
import { isValidTopicFilter } from '../sources/fields.ts';
import {
  parseClockRange,
  parseForDuration,
  parsePriorityCondition,
  parseRate,
  parseRegexLiteral,
  parseValueCondition,
} from './parse.ts';

export const RULE_ACTIONS = ['notify', 'silent', 'read', 'drop'] as const;
export const RuleAction = z.enum(RULE_ACTIONS, { error: `action must be one of ${RULE_ACTIONS.join(', ')}` });
export type RuleAction = z.infer<typeof RuleAction>;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const parsed = (parse: (text: string) => unknown, message: string) =>
  z.string({ error: message }).refine((text) => parse(text) !== null, message);

const TEXT_MATCH_FORM = 'a text match is a list of words, or a regular expression written /like this/i';

/**
 * Words (any of them found, case-insensitively, anywhere in the title or body: "温度" finds "客厅温度 31°C") or
 * one `/regex/flags`, against title and body.
 */
const TextMatch = z.union(
  [
    z
      .array(z.string({ error: 'a word is text' }).trim().min(1, 'a word is empty').max(200))
      .min(1, 'give at least one word')
      .max(100),
    z.string().superRefine((text, ctx) => {
      if (!text.startsWith('/')) ctx.addIssue({ code: 'custom', message: TEXT_MATCH_FORM });
      else if (parseRegexLiteral(text) === null) {
        ctx.addIssue({ code: 'custom', message: 'the regular expression does not compile' });
      }
    }),
  ],
  { error: TEXT_MATCH_FORM },
);

const LIMIT_FORM = 'write a limit like "1/60s" (notifications per time window)';
/** A limit remembers when each notification in its window was let through: the count bounds that memory. */
export const MAX_LIMIT_COUNT = 1000;

export const RuleMatch = z
  .object(
    {
      /** A source's id or name. */
      source: z.string().trim().min(1, 'source is empty').max(200).optional(),
      /** An MQTT filter with + and #; also applied to ntfy topics, Gotify app names and stream source names. */
      topic: z
        .string()
        .min(1, 'topic filter is empty')
        .max(1024)
        .refine(
          isValidTopicFilter,
          'topic filter is invalid: # must be last and alone in its level, + alone in its level',
        )
        .optional(),
      text: TextMatch.optional(),
      /** ">=4", "<3", "5". */
      priority: parsed(
        parsePriorityCondition,
        'write a priority condition like ">=4", "<3" or "5" (priorities are 1-5)',
      ).optional(),
      /** "$.temperature > 30", "$.state == 'open'", "$ >= 21.5", "changed", "$.state changed". */
      value: parsed(
        parseValueCondition,
        `write a value condition like "$.temperature > 30", "$.state == 'open'", "$ >= 21.5" or "changed"`,
      ).optional(),
    },
    { error: 'match is an object of conditions: source, topic, text, priority, value' },
  )
  .strict();
export type RuleMatch = z.infer<typeof RuleMatch>;

export const RuleWhen = z
  .object(
    {
      days: z
        .array(z.enum(WEEKDAYS, { error: `days are written ${WEEKDAYS.join(', ')}` }))
        .min(1, 'give at least one day')
        .optional(),
      /** Local time, "22:00-07:00"; may cross midnight. */
      time: parsed(parseClockRange, 'write a time range like "22:00-07:00" (24-hour clock, local time)').optional(),
    },
    { error: 'when is an object with "days" and/or "time"' },
  )
  .strict();
export type RuleWhen = z.infer<typeof RuleWhen>;

export const Rule = z
  .object(
    {
      name: z.string({ error: 'every rule needs a name' }).trim().min(1, 'every rule needs a name').max(100),
      enabled: z.boolean({ error: 'enabled is true or false' }).default(true),
      match: RuleMatch.default({}),
      when: RuleWhen.optional(),
      /** The value condition must hold this long before the rule fires ("5m"; "0s": as it becomes true); once per episode. */
      for: parsed(parseForDuration, 'write a duration like "30s", "5m" or "2h" ("0s": as soon as it holds)').optional(),
      action: RuleAction,
      /** Overrides the message's priority (1-5). */
      priority: z
        .number({ error: 'priority is a whole number from 1 to 5' })
        .int('priority is a whole number from 1 to 5')
        .min(1, 'priority is a whole number from 1 to 5')
        .max(5, 'priority is a whole number from 1 to 5')
        .optional(),
      /** "1/60s": at most that many notifications per topic in the window; the rest are summed up in the next. */
      limit: parsed(parseRate, LIMIT_FORM)
        .refine(
          (text) => (parseRate(text)?.count ?? 0) <= MAX_LIMIT_COUNT,
          `a limit lets at most ${MAX_LIMIT_COUNT} notifications through per window`,
        )
        .optional(),
      /** Until then the rule acts as "silent" (the UI's snooze buttons write this). */
      snoozeUntil: z.iso
        .datetime({ offset: true, message: 'write snoozeUntil as an ISO time, e.g. 2026-12-24T08:00:00Z' })
        .optional(),
      /** Written by the snooze buttons: Herald removes the rule once snoozeUntil has passed. */
      temporary: z.boolean().optional(),
    },
    { error: 'a rule is an object with at least "name" and "action"' },
  )
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.temporary && rule.snoozeUntil === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['temporary'],
        message: 'a temporary rule needs snoozeUntil (when it ends)',
      });
    }
    if (rule.for !== undefined && rule.match.value === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['for'],
        message: '"for" needs a value condition in match.value to hold that long',
      });
    } else if (rule.for !== undefined && parseValueCondition(rule.match.value!)?.kind === 'changed') {
      ctx.addIssue({
        code: 'custom',
        path: ['for'],
        message: '"for" needs a comparison such as "$.temperature > 30" to hold; "changed" has no duration',
      });
    }
  });
export type Rule = z.infer<typeof Rule>;
export type RuleInput = z.input<typeof Rule>;

export const RulesDocument = z
  .object(
    {
      version: z.literal(1, 'version must be 1'),
      rules: z.array(Rule, { error: 'rules must be a list of rules' }).max(10_000),
    },
    { error: 'a rules document is a JSON object: { "version": 1, "rules": [ ... ] }' },
  )
  .strict();
export type RulesDocument = z.infer<typeof RulesDocument>;
export type RulesDocumentInput = z.input<typeof RulesDocument>;

export const EMPTY_RULES: RulesDocument = { version: 1, rules: [] };

/** One reason a rules document was refused: which rule (by position, 0-based; null for the document), which field. */
export interface RuleProblem {
  index: number | null;
  name?: string;
  field: string;
  reason: string;
}

export type RulesCheck = { ok: true; document: RulesDocument } | { ok: false; problems: RuleProblem[] };

export function checkRulesDocument(input: unknown): RulesCheck {
  const result = RulesDocument.safeParse(input);
  if (result.success) return { ok: true, document: result.data };
  // An unknown key is named as the field it is ("acton: unknown field"), one problem per key.
  const issues = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: 'unknown field' }))
      : [{ path: issue.path, message: issue.message }],
  );
  const problems = issues.map((issue): RuleProblem => {
    const [first, index, ...field] = issue.path;
    if (first === 'rules' && typeof index === 'number') {
      const raw = (input as { rules?: unknown[] }).rules?.[index] as { name?: unknown } | undefined;
      const name = typeof raw?.name === 'string' ? raw.name : undefined;
      return {
        index,
        ...(name ? { name } : {}),
        field: field.map(String).join('.') || '(rule)',
        reason: issue.message,
      };
    }
    return { index: null, field: issue.path.map(String).join('.') || '(document)', reason: issue.message };
  });
  return { ok: false, problems };
}

/** "rule 3 "night", when.time: write a time range like ..." (rules counted from 1 for people). */
export function describeRuleProblem(problem: RuleProblem): string {
  const where = problem.index === null ? '' : `rule ${problem.index + 1}${problem.name ? ` "${problem.name}"` : ''}, `;
  return `${where}${problem.field}: ${problem.reason}`;
}
