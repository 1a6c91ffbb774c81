// Enter moves the focus to the message on show, so the keys that follow (space, arrows) scroll its text. The
// message may still be loading when Enter comes, or the detail may still show the one selected before (the
// selection moved but its load has not begun): the focus then moves as soon as the selected message is shown.
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { MessageLoad } from '../use-message.ts';

const DETAIL = '[data-testid="message-detail"]';

/** Whether the detail shows the selected message (or, with nothing selected, whatever it shows). */
function showsSelected(load: MessageLoad, selectedId: number | null): boolean {
  if (load.status === 'loading' || load.status === 'idle') return false;
  const shown = load.status === 'loaded' ? load.detail.id : load.id;
  return selectedId === null || shown === selectedId;
}

export function useFocusDetail(
  page: RefObject<HTMLElement | null>,
  load: MessageLoad,
  selectedId: number | null,
): () => void {
  const pending = useRef(false);
  useEffect(() => {
    if (!pending.current || !showsSelected(load, selectedId)) return;
    pending.current = false;
    page.current?.querySelector<HTMLElement>(DETAIL)?.focus();
  }, [page, load, selectedId]);

  return useCallback(() => {
    const detail = page.current?.querySelector<HTMLElement>(DETAIL);
    if (detail && showsSelected(load, selectedId)) detail.focus();
    else pending.current = true;
  }, [page, load, selectedId]);
}
