import { useCallback, useEffect, useState } from 'react';

export type Page = 'inbox' | 'sources' | 'rules';

/** The current page, mirrored in the address hash so a reload (or the back button) keeps it. */
export function usePage(): [Page, (page: Page) => void] {
  const [page, setPageState] = useState<Page>(readHash);
  useEffect(() => {
    const onHashChange = () => setPageState(readHash());
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

function readHash(): Page {
  if (location.hash === '#sources') return 'sources';
  if (location.hash === '#rules') return 'rules';
  return 'inbox';
}
