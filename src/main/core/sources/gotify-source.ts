// Placeholder until the gotify source lands: reports a clear error instead of connecting.
import type { StoredSourceOf } from '../settings/schema.ts';
import type { Source, SourceContext } from './source.ts';

export function createGotifySource(_config: StoredSourceOf<'gotify'>, context: SourceContext): Source {
  const status = { state: 'error' as const, error: 'gotify sources are not available yet', since: Date.now() };
  return {
    start: () => context.onStatus(status),
    reconnectNow: () => {},
    stop: async () => {},
    status,
  };
}
