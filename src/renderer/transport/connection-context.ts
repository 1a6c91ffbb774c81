// The one Connection (client + link status + mode) made at start-up, handed to every view through context.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { HeraldClient } from '../../shared/client.ts';
import type { Connection, LinkStatus } from './connection.ts';

export const ConnectionContext = createContext<Connection | null>(null);

export function useConnection(): Connection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error('useConnection outside <ConnectionContext>');
  return connection;
}

export function useClient(): HeraldClient {
  return useConnection().client;
}

export function useLinkStatus(): LinkStatus {
  const { link } = useConnection();
  return useSyncExternalStore(link.onStatus, link.getStatus);
}
