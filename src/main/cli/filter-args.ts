// The inbox filters `herald search` and `herald export` share: --search, --source, --topic, --since, --until,
// --unread, --priority, --has. Parsed into the store's ListFilters; bad values are usage errors.
import { MessageFeature } from '../../shared/commands/inbox.ts';
import type { ListFilters } from '../core/store/message-store.ts';
import { isValidTopicFilter } from '../../shared/sources.ts';

export const FILTER_HELP = `      --source S       only messages of this source (name or id)
      --topic FILTER   only messages whose topic matches this MQTT topic filter (+ and # wildcards)
      --since ISO      received at or after this time (e.g. 2026-12-01 or 2026-12-01T08:00:00Z)
      --until ISO      received at or before this time (a date alone means the end of that day, UTC)
      --priority N     priority N (1-5) and above
      --unread         unread messages only
      --has WHAT       only messages with an attachment (--has attachment) or action buttons (--has actions)`;

/** Handles one filter option; returns false for an option that is not a filter. */
export function parseFilterOption(
  filters: ListFilters,
  name: string,
  value: () => string,
  allowSearch: boolean,
): boolean {
  switch (name) {
    case '--search':
      if (!allowSearch) return false;
      filters.search = value();
      return true;
    case '--source':
      filters.source = value();
      return true;
    case '--topic': {
      const topic = value();
      if (!isValidTopicFilter(topic)) throw new FilterUsageError(`--topic ${topic}: not a valid MQTT topic filter`);
      filters.topic = topic;
      return true;
    }
    case '--since':
      filters.since = time(name, value(), false);
      return true;
    case '--until':
      filters.until = time(name, value(), true);
      return true;
    case '--priority': {
      const raw = value();
      const priority = Number(raw);
      if (!Number.isInteger(priority) || priority < 1 || priority > 5) {
        throw new FilterUsageError(`--priority must be 1 to 5, not "${raw}"`);
      }
      filters.minPriority = priority;
      return true;
    }
    case '--unread':
      filters.unreadOnly = true;
      return true;
    case '--has': {
      const raw = value();
      const parsed = MessageFeature.safeParse(raw);
      if (!parsed.success) throw new FilterUsageError(`--has must be attachment or actions, not "${raw}"`);
      filters.has = parsed.data;
      return true;
    }
    default:
      return false;
  }
}

/** Thrown for a bad filter value; the caller turns it into its own usage error. */
export class FilterUsageError extends Error {}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function time(name: string, raw: string, endOfDay: boolean): number {
  const ms = DATE_ONLY.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : Date.parse(raw);
  if (Number.isNaN(ms)) throw new FilterUsageError(`${name} must be a date or time in ISO 8601, not "${raw}"`);
  return DATE_ONLY.test(raw) && endOfDay ? ms + 86_400_000 - 1 : ms;
}
