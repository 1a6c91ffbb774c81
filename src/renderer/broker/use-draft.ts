// A form's draft of saved settings: it follows the saved settings (polled) until the user starts editing, and
// again once the edit is saved.
import { useCallback, useEffect, useState } from 'react';

export interface Draft<D> {
  draft: D;
  edit(change: Partial<D>): void;
  /** The edit was saved: follow the saved settings again. */
  saved(): void;
}

/** `draftOf` must be a stable function (module level). */
export function useDraft<S, D>(saved: S, draftOf: (saved: S) => D): Draft<D> {
  const [draft, setDraft] = useState<D>(() => draftOf(saved));
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setDraft(draftOf(saved));
  }, [saved, dirty, draftOf]);
  const edit = useCallback((change: Partial<D>) => {
    setDirty(true);
    setDraft((current) => ({ ...current, ...change }));
  }, []);
  return { draft, edit, saved: useCallback(() => setDirty(false), []) };
}
