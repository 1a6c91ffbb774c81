// Small, pure formatting helpers shared by the list and the detail pane.
import type { MessageSummary } from '../../shared/model.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min ago", "3 h ago", "yesterday", then a date: short enough for a list row. */
export function relativeTime(at: number, now: number): string {
  const age = now - at;
  if (age < 45_000) return 'just now';
  if (age < HOUR) return `${Math.round(age / MINUTE)} min ago`;
  if (age < DAY) return `${Math.floor(age / HOUR)} h ago`;
  if (age < 2 * DAY) return 'yesterday';
  const date = new Date(at);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric' });
}

export function absoluteTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Exact count with thousands separators, for the truncation marker where precision matters. */
export function groupDigits(count: number): string {
  return count.toLocaleString('en-US');
}

export interface PriorityLabel {
  text: string;
  level: 'urgent' | 'high' | 'low';
}

/** Normal priority (3) gets no marker: most messages are normal and the list should stay quiet. */
export function priorityLabel(priority: number): PriorityLabel | null {
  if (priority >= 5) return { text: 'Urgent', level: 'urgent' };
  if (priority === 4) return { text: 'High', level: 'high' };
  if (priority <= 2) return { text: 'Low', level: 'low' };
  return null;
}

/** Messages without a JSON title are named by their topic. */
export function displayTitle(message: Pick<MessageSummary, 'title' | 'topic'>): string {
  return message.title.trim() || message.topic;
}
