// Placeholder until the sse source lands: reports a clear error instead of connecting.
import type { StoredSourceOf } from '../settings/schema.ts';
import type { Source, SourceContext } from './source.ts';

export function createSseSource(_config: StoredSourceOf<'sse'>, context: SourceContext): Source {
  const status = { state: 'error' as const, error: 'sse sources are not available yet', since: Date.now() };
  return {
    start: () => context.onStatus(status),
    reconnectNow: () => {},
    stop: async () => {},
    status,
  };
}
