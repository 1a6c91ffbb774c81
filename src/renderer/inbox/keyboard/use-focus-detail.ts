// Enter moves the focus to the message on show, so the keys that follow (space, arrows) scroll its text. The
// message may still be loading when Enter comes: the focus then moves as soon as it is shown.
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { MessageLoad } from '../use-message.ts';

const DETAIL = '[data-testid="message-detail"]';

export function useFocusDetail(page: RefObject<HTMLElement | null>, load: MessageLoad): () => void {
  const pending = useRef(false);
  useEffect(() => {
    if (!pending.current || load.status === 'loading') return;
    pending.current = false;
    page.current?.querySelector<HTMLElement>(DETAIL)?.focus();
  }, [page, load]);

  return useCallback(() => {
    const detail = page.current?.querySelector<HTMLElement>(DETAIL);
    if (detail && load.status === 'loaded') detail.focus();
    else pending.current = true;
  }, [page, load]);
}
