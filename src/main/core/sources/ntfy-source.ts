// Placeholder until the ntfy source lands: reports a clear error instead of connecting.
import type { StoredSourceOf } from '../settings/schema.ts';
import type { Source, SourceContext } from './source.ts';

export function createNtfySource(_config: StoredSourceOf<'ntfy'>, context: SourceContext): Source {
  const status = { state: 'error' as const, error: 'ntfy sources are not available yet', since: Date.now() };
  return {
    start: () => context.onStatus(status),
    reconnectNow: () => {},
    stop: async () => {},
    status,
  };
}
