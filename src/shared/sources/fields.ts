// Field schemas that more than one kind of source uses.
import { z } from 'zod';

export const Qos = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type Qos = z.infer<typeof Qos>;

export function isValidTopicFilter(filter: string): boolean {
  const levels = filter.split('/');
  return levels.every((level, i) => {
    if (level.includes('#')) return level === '#' && i === levels.length - 1;
    if (level.includes('+')) return level === '+';
    return true;
  });
}

export const TopicSubscription = z.object({
  filter: z
    .string()
    .min(1, 'topic filter is empty')
    .max(1024)
    .refine(isValidTopicFilter, 'topic filter is invalid: # must be last and alone in its level, + alone in its level'),
  qos: Qos,
});
export type TopicSubscription = z.infer<typeof TopicSubscription>;

/** Where in a JSON frame to find each field, as dotted paths (`data.title`, `items.0.text`). */
export const FieldMapping = z.object({
  title: z.string().max(200).optional(),
  body: z.string().max(200).optional(),
  priority: z.string().max(200).optional(),
  id: z.string().max(200).optional(),
  url: z.string().max(200).optional(),
  time: z.string().max(200).optional(),
});
export type FieldMapping = z.infer<typeof FieldMapping>;

export const Headers = z.record(
  z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'a header name may contain letters, digits and -'),
  z.string().max(8192),
);
