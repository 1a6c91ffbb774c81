// Placeholder until the websocket source lands: reports a clear error instead of connecting.
import type { StoredSourceOf } from '../settings/schema.ts';
import type { Source, SourceContext } from './source.ts';

export function createWebSocketSource(_config: StoredSourceOf<'websocket'>, context: SourceContext): Source {
  const status = { state: 'error' as const, error: 'websocket sources are not available yet', since: Date.now() };
  return {
    start: () => context.onStatus(status),
    reconnectNow: () => {},
    stop: async () => {},
    status,
  };
}
