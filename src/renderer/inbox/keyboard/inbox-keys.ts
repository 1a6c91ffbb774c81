// The inbox's keyboard shortcuts: one table, read by the key handler and by the help dialog, so what `?` lists
// is what the keys do.
import type { MessageKey } from '../../i18n/i18n.ts';

export type InboxCommand = 'next' | 'previous' | 'open' | 'search' | 'markRead' | 'snooze' | 'help';

export interface Shortcut {
  command: InboxCommand;
  /** KeyboardEvent.key values, shown in this order. */
  keys: readonly string[];
  description: MessageKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'next', keys: ['j', 'ArrowDown'], description: 'keys.next' },
  { command: 'previous', keys: ['k', 'ArrowUp'], description: 'keys.previous' },
  { command: 'open', keys: ['Enter'], description: 'keys.open' },
  // Handled by the search bar itself; listed here so the help is complete.
  { command: 'search', keys: ['/'], description: 'keys.search' },
  { command: 'markRead', keys: ['e'], description: 'keys.markRead' },
  { command: 'snooze', keys: ['s'], description: 'keys.snooze' },
  { command: 'help', keys: ['?'], description: 'keys.help' },
];

/** How a key is written on its key cap in the help. */
export const KEY_CAPS: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑' };

/**
 * Keys that would act on the page while the user types, or that a focused control needs for itself (Enter on a
 * button, arrows in a list), are not shortcuts. Arrows and Enter count only when nothing in particular has the
 * focus (or the message list has it); letters count anywhere but in text fields.
 */
export function commandForKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  target: Element | null,
): InboxCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTextField(target)) return null;
  const shortcut = SHORTCUTS.find((s) => s.keys.includes(event.key));
  if (!shortcut || shortcut.command === 'search') return null;
  const bare = target === null || target.tagName === 'BODY' || target.tagName === 'HTML';
  const onList = target?.getAttribute('role') === 'listbox';
  if ((event.key.startsWith('Arrow') || event.key === 'Enter') && !bare && !onList) return null;
  return shortcut.command;
}

export function isTextField(target: Element | null): boolean {
  if (!target) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target as HTMLElement).isContentEditable;
}

/** The row a move lands on: the next or previous one, the first when nothing is selected yet. */
export function movedIndex(index: number, count: number, command: 'next' | 'previous'): number | null {
  if (count === 0) return null;
  if (index < 0) return 0;
  return command === 'next' ? Math.min(count - 1, index + 1) : Math.max(0, index - 1);
}
