// Which key is which inbox shortcut, and when a key is not one: while typing, with a modifier, or (for arrows
// and Enter) while a control that needs them has the focus. The help lists exactly the keys that act.
import { describe, expect, it } from 'vitest';
import { commandForKey, movedIndex, SHORTCUTS } from '../../../../src/renderer/inbox/keyboard/inbox-keys.ts';

/** Just what the key handler reads of the focused element. */
function element(tagName: string, role: string | null = null): Element {
  return { tagName, isContentEditable: false, getAttribute: () => role } as unknown as Element;
}
const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('inbox shortcuts', () => {
  const body = element('BODY');

  it('maps the keys the help lists', () => {
    expect(commandForKey(key('j'), body)).toBe('next');
    expect(commandForKey(key('ArrowDown'), body)).toBe('next');
    expect(commandForKey(key('k'), body)).toBe('previous');
    expect(commandForKey(key('ArrowUp'), null)).toBe('previous');
    expect(commandForKey(key('Enter'), body)).toBe('open');
    expect(commandForKey(key('e'), body)).toBe('markRead');
    expect(commandForKey(key('s'), body)).toBe('snooze');
    expect(commandForKey(key('?'), body)).toBe('help');
    // `/` belongs to the search bar, which handles it itself.
    expect(commandForKey(key('/'), body)).toBeNull();
    expect(commandForKey(key('x'), body)).toBeNull();
    expect(SHORTCUTS.flatMap((s) => s.keys)).toEqual(['j', 'ArrowDown', 'k', 'ArrowUp', 'Enter', '/', 'e', 's', '?']);
  });

  it('leaves typing, modified keys and controls alone', () => {
    for (const field of ['INPUT', 'TEXTAREA', 'SELECT']) expect(commandForKey(key('j'), element(field))).toBeNull();
    const editable = { ...element('DIV'), isContentEditable: true } as unknown as Element;
    expect(commandForKey(key('e'), editable)).toBeNull();
    expect(commandForKey(key('j', { ctrlKey: true }), body)).toBeNull();
    expect(commandForKey(key('e', { metaKey: true }), body)).toBeNull();
    // Enter on a button presses it; arrows in a control move in it. Letters still work there.
    expect(commandForKey(key('Enter'), element('BUTTON'))).toBeNull();
    expect(commandForKey(key('ArrowDown'), element('SECTION'))).toBeNull();
    expect(commandForKey(key('j'), element('BUTTON'))).toBe('next');
    expect(commandForKey(key('Enter'), element('DIV', 'listbox'))).toBe('open');
  });

  it('moves within the list and starts at the top', () => {
    expect(movedIndex(-1, 3, 'next')).toBe(0);
    expect(movedIndex(-1, 3, 'previous')).toBe(0);
    expect(movedIndex(0, 3, 'next')).toBe(1);
    expect(movedIndex(2, 3, 'next')).toBe(2);
    expect(movedIndex(0, 3, 'previous')).toBe(0);
    expect(movedIndex(0, 0, 'next')).toBeNull();
  });
});
