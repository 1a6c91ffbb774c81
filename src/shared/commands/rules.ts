// Commands of the Rules page and the mute/snooze menus.
import { z } from 'zod';
import { RuleAction, RulesDocument } from '../rules/schema.ts';
import { Empty } from './common.ts';

export const RuleProblemSchema = z.object({
  index: z.number().int().nullable(),
  name: z.string().optional(),
  field: z.string(),
  reason: z.string(),
});
/** The rules in force after a change, or why the change was refused (and nothing was saved). */
const RulesReply = z.object({ document: RulesDocument, problems: z.array(RuleProblemSchema) });

export const ruleCommands = {
  /** The rules in force, and how many messages each dropping rule has dropped. */
  'rules.get': {
    request: Empty,
    response: z.object({ document: RulesDocument, dropped: z.record(z.string(), z.number().int()) }),
  },
  /**
   * Replaces the whole rules document. One that does not validate is refused as a whole: the reply lists each
   * problem (rule index, field, reason) and the rules in force stay as they were.
   */
  'rules.set': { request: z.object({ document: z.unknown() }).strict(), response: RulesReply },
  /** What one rule (inserted at `index`, default first) would have done to the most recent messages. */
  'rules.preview': {
    request: z
      .object({
        rule: z.unknown(),
        index: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).default(1000),
      })
      .strict(),
    response: z.object({
      problems: z.array(RuleProblemSchema),
      /** Messages looked at, and how many the rule itself would have decided, by action. */
      examined: z.number().int(),
      matched: z.record(RuleAction, z.number().int()),
      /** Up to 20 of the messages it would have decided, newest first. */
      examples: z.array(z.object({ id: z.number().int(), title: z.string(), topic: z.string(), action: RuleAction })),
    }),
  },
  /** "Mute this topic": a rule at the top that keeps a topic (of one source, or of all) silent. */
  'rules.mute': {
    request: z.object({ topic: z.string().min(1), sourceId: z.string().min(1).optional() }).strict(),
    response: RulesReply,
  },
  /** "Snooze 15 min / 1 h / 8 h / until tomorrow": a temporary silent rule for a topic or a whole source. */
  'rules.snooze': {
    request: z
      .object({
        topic: z.string().min(1).optional(),
        sourceId: z.string().min(1).optional(),
        until: z.iso.datetime({ offset: true }),
      })
      .strict()
      .refine((r) => r.topic !== undefined || r.sourceId !== undefined, 'give a topic, a source, or both'),
    response: RulesReply,
  },
} as const;
