// Retention rules: which messages Herald stops keeping. Each rule applies to a source and/or a topic filter (all
// messages when neither is given) and keeps at most `maxCount` of them and none older than `maxAgeDays`. No
// rules (the default) keeps everything; pinned messages are always kept.
import { z } from 'zod';
import { isValidTopicFilter } from './sources/fields.ts';

export const RetentionRule = z
  .object({
    sourceId: z.string().min(1).optional(),
    /** An MQTT topic filter (+ and #). */
    topic: z.string().min(1).max(1024).refine(isValidTopicFilter, 'topic filter is invalid').optional(),
    /** Messages received longer ago than this are deleted (fractions allowed: 0.5 is twelve hours). */
    maxAgeDays: z.number().min(0).max(36_500).optional(),
    /** Only the newest this many are kept. */
    maxCount: z.number().int().min(0).max(100_000_000).optional(),
  })
  .strict()
  .refine((rule) => rule.maxAgeDays !== undefined || rule.maxCount !== undefined, {
    message: 'a retention rule needs maxAgeDays or maxCount',
  });
export type RetentionRule = z.infer<typeof RetentionRule>;

export const RetentionRules = z.array(RetentionRule).max(100);

/** While a purge runs: how many messages it deleted so far. */
export const PurgeProgress = z.object({ deleted: z.number().int() });
export type PurgeProgress = z.infer<typeof PurgeProgress>;
