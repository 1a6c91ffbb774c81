// The contract's implementation. Requests arrive here already validated by `dispatch`; these functions
// apply them to the store, the sources and the settings.
import { HeraldError, type Handlers, type ParsedRequest } from '../../../shared/contract.ts';
import type { AppState, SourceView } from '../../../shared/model.ts';
import type { Settings, StoredSource } from '../settings/schema.ts';
import { sourcePasswordKey, type SecretStore } from '../settings/types.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import type { MessageStore } from '../store/message-store.ts';

export interface HandlerDeps {
  store: MessageStore;
  sources: SourceRegistry;
  secrets: SecretStore;
  getState: () => AppState;
  settings: () => Settings;
  saveSettings: (settings: Settings) => void;
  newSourceId: () => string;
  readChanged: (change: { readIds?: number[]; allRead?: boolean }) => void;
  stateChanged: () => void;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, sources } = deps;

  const view = (id: string): SourceView => {
    const found = sources.views().find((v) => v.id === id);
    if (!found) throw new HeraldError('not_found', `source ${id} not found`);
    return found;
  };

  const savedSource = (id: string): StoredSource => {
    if (sources.get(id)?.ephemeral) {
      throw new HeraldError('conflict', 'this source was given on the command line for this run and cannot be changed here');
    }
    const found = deps.settings().sources.find((s) => s.id === id);
    if (!found) throw new HeraldError('not_found', `source ${id} not found`);
    return found;
  };

  const applyPassword = (id: string, password: string | undefined) => {
    if (password === undefined) return;
    deps.secrets.set(sourcePasswordKey(id), password === '' ? undefined : password);
  };

  const writeSource = async (
    request: ParsedRequest<'sources.add'>,
    base: Pick<StoredSource, 'id' | 'embedded'>,
  ): Promise<SourceView> => {
    const source: StoredSource = {
      id: base.id,
      kind: 'mqtt',
      name: request.name,
      url: request.url,
      username: request.username || undefined,
      clientId: request.clientId || undefined,
      topics: request.topics,
      enabled: request.enabled,
      // Editing the embedded default keeps it following the broker unless its URL was changed by hand.
      embedded: base.embedded && request.url === view(base.id).url,
    };
    applyPassword(source.id, request.password);
    const others = deps.settings().sources.filter((s) => s.id !== source.id);
    const existingIndex = deps.settings().sources.findIndex((s) => s.id === source.id);
    const next = [...others];
    next.splice(existingIndex === -1 ? next.length : existingIndex, 0, source);
    deps.saveSettings({ ...deps.settings(), sources: next });
    await sources.put(source);
    return view(source.id);
  };

  return {
    'app.getState': () => deps.getState(),
    'inbox.list': (request) => store.list(request),
    'inbox.get': (request) => store.get(request.id),
    'inbox.markRead': (request) => {
      const changed = store.markRead(request.ids);
      if (changed.length) deps.readChanged({ readIds: changed });
      return { unread: store.counts().unread };
    },
    'inbox.markAllRead': () => {
      if (store.markAllRead() > 0) deps.readChanged({ allRead: true });
      return { unread: store.counts().unread };
    },
    'sources.list': () => sources.views(),
    'sources.add': (request) => writeSource(request, { id: deps.newSourceId(), embedded: false }),
    'sources.update': (request) => {
      const existing = savedSource(request.id);
      return writeSource(request, existing);
    },
    'sources.remove': async (request) => {
      savedSource(request.id);
      deps.saveSettings({ ...deps.settings(), sources: deps.settings().sources.filter((s) => s.id !== request.id) });
      deps.secrets.set(sourcePasswordKey(request.id), undefined);
      await sources.remove(request.id);
      return {};
    },
    'notifications.setPaused': (request) => {
      const current = deps.settings();
      deps.saveSettings({ ...current, notifications: { ...current.notifications, paused: request.paused } });
      deps.stateChanged();
      return { paused: request.paused };
    },
  };
}
