// Listens for the inbox's shortcuts while the inbox page is on show (see inbox-keys.ts for which keys and when
// they count). The message list handles its own arrows when focused; those arrive here already handled.
import { useEffect, useRef, type RefObject } from 'react';
import { commandForKey, movedIndex, type InboxCommand } from './inbox-keys.ts';

export interface InboxKeyActions {
  /** Ids of the rows in list order. */
  ids(): readonly number[];
  selectedId: number | null;
  select(id: number): void;
  open(): void;
  markRead(id: number): void;
  snooze(): void;
  help(): void;
}

export function useInboxKeys(page: RefObject<HTMLElement | null>, actions: InboxKeyActions): void {
  // The listener is added once; it reads the actions as they are when a key arrives.
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const root = page.current;
      // Pages stay mounted while hidden: a hidden inbox takes no keys. So does one behind a modal dialog.
      if (event.defaultPrevented || !root || root.closest('[hidden]')) return;
      if (document.querySelector('dialog[open]')) return;
      const command = commandForKey(event, event.target instanceof Element ? event.target : null);
      if (command === null) return;
      event.preventDefault();
      run(command, latest.current);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [page]);
}

function run(command: InboxCommand, actions: InboxKeyActions): void {
  switch (command) {
    case 'next':
    case 'previous': {
      const ids = actions.ids();
      const index = actions.selectedId === null ? -1 : ids.indexOf(actions.selectedId);
      const target = movedIndex(index, ids.length, command);
      if (target !== null) actions.select(ids[target]!);
      return;
    }
    case 'open':
      return actions.open();
    case 'markRead':
      if (actions.selectedId !== null) actions.markRead(actions.selectedId);
      return;
    case 'snooze':
      return actions.snooze();
    case 'help':
      return actions.help();
    case 'search':
      return;
  }
}
