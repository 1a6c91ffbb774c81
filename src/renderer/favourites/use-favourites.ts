// The pinned favourites, kept live: fetched on every (re)connect and again when the pins change anywhere (this
// window, another one, the tray). `pin` pins or unpins an entity or a saved button.
import { useCallback, useEffect, useState } from 'react';
import type { Favourite, FavouriteKind } from '../../shared/commands/favourites.ts';
import { useClient, useLinkStatus } from '../transport/connection-context.ts';

export interface FavouritesHandle {
  favourites: Favourite[];
  isPinned(kind: FavouriteKind, id: string): boolean;
  /** Rejects with the reason when main refuses. */
  pin(kind: FavouriteKind, id: string, pinned: boolean): Promise<void>;
}

export function useFavourites(active = true): FavouritesHandle {
  const client = useClient();
  const { epoch } = useLinkStatus();
  const [favourites, setFavourites] = useState<Favourite[]>([]);
  const [generation, setGeneration] = useState(0);

  useEffect(() => client.on('favourites.changed', () => setGeneration((g) => g + 1)), [client]);
  useEffect(() => {
    if (!active || epoch === 0) return;
    let live = true;
    client.invoke('favourites.list', {}).then(
      (reply) => live && setFavourites(reply.favourites),
      // Without the list the pins show as unpinned; pinning again still works and says why if it does not.
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, epoch, active, generation]);

  const isPinned = useCallback(
    (kind: FavouriteKind, id: string) => favourites.some((f) => f.kind === kind && f.id === id),
    [favourites],
  );
  const pin = useCallback(
    async (kind: FavouriteKind, id: string, pinned: boolean) => {
      const reply = await client.invoke('favourites.set', { kind, id, pinned });
      setFavourites(reply.favourites);
    },
    [client],
  );
  return { favourites, isPinned, pin };
}
