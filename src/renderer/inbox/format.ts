// Small, pure formatting helpers shared by the list and the detail pane (times are in i18n/time.ts).
import type { MessageSummary } from '../../shared/model.ts';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Exact count with thousands separators, for the truncation marker where precision matters. */
export function groupDigits(count: number): string {
  return count.toLocaleString('en-US');
}

/** The words for each level are in the i18n catalogues (priority.urgent, ...). */
export interface PriorityLabel {
  level: 'urgent' | 'high' | 'low';
}

/** Normal priority (3) gets no marker: most messages are normal and the list should stay quiet. */
export function priorityLabel(priority: number): PriorityLabel | null {
  if (priority >= 5) return { level: 'urgent' };
  if (priority === 4) return { level: 'high' };
  if (priority <= 2) return { level: 'low' };
  return null;
}

/** Messages without a JSON title are named by their topic. */
export function displayTitle(message: Pick<MessageSummary, 'title' | 'topic'>): string {
  return message.title.trim() || message.topic;
}
