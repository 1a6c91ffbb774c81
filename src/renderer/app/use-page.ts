import { useCallback, useEffect, useState } from 'react';
import { pageFromHash, type Page } from './pages.ts';

export type { Page } from './pages.ts';

/** The current page, mirrored in the address hash so a reload (or the back button) keeps it. */
export function usePage(): [Page, (page: Page) => void] {
  const [page, setPageState] = useState<Page>(() => pageFromHash(location.hash));
  useEffect(() => {
    const onHashChange = () => setPageState(pageFromHash(location.hash));
    addEventListener('hashchange', onHashChange);
    return () => removeEventListener('hashchange', onHashChange);
  }, []);
  const setPage = useCallback((next: Page) => {
    setPageState(next);
    // Replace, not push: the hash is there for reloads; the nav buttons are the navigation.
    history.replaceState(null, '', next === 'inbox' ? location.pathname + location.search : `#${next}`);
  }, []);
  return [page, setPage];
}
