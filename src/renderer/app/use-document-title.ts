import { useEffect } from 'react';

/** "(3) Herald" while 3 messages are unread, "Herald" otherwise; the tab (or window) title shows the count. */
export function useDocumentTitle(unread: number): void {
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Herald` : 'Herald';
  }, [unread]);
}
