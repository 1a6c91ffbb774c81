// AppState (sources, broker, counts, warnings) kept current: fetched on every (re)connect, then replaced by
// `app.state` events; the unread/total counts also follow `inbox.changed`, which is pushed more often.
import { useCallback, useEffect, useState } from 'react';
import type { AppState } from '../../shared/model.ts';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';
import { errorMessage } from '../../shared/error-message.ts';

export interface AppStateHandle {
  state: AppState | null;
  error: string | null;
  /** Applies a count the server just returned (e.g. from inbox.markRead) without waiting for the event. */
  setUnread(unread: number): void;
  /** Fetches the state now (e.g. right after saving a source, not to wait for the event). */
  refresh(): void;
}

export function useAppState(): AppStateHandle {
  const client = useClient();
  const { epoch } = useLinkStatus();
  const [state, setState] = useState<AppState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshes, setRefreshes] = useState(0);

  useEffect(() => {
    const offState = client.on('app.state', (next) => setState(next));
    const offInbox = client.on('inbox.changed', ({ unread, total }) =>
      setState((current) => current && { ...current, unread, total }),
    );
    return () => {
      offState();
      offInbox();
    };
  }, [client]);

  useEffect(() => {
    if (epoch === 0) return; // not connected yet; the fetch would only fail
    let live = true;
    client.invoke('app.getState', {}).then(
      (next) => {
        if (!live) return;
        setState(next);
        setError(null);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [client, epoch, refreshes]);

  const setUnread = useCallback((unread: number) => setState((current) => current && { ...current, unread }), []);
  const refresh = useCallback(() => setRefreshes((n) => n + 1), []);
  return { state, error, setUnread, refresh };
}
