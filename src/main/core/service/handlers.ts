// The contract's implementation. Requests arrive here already validated by `dispatch`; these functions
// apply them to the store, the sources and the settings.
import { HeraldError, type Handlers, type ParsedRequest } from '../../../shared/contract.ts';
import type { AppState, SourceView } from '../../../shared/model.ts';
import { SECRET_FIELDS, type SecretValues } from '../../../shared/sources.ts';
import { StoredSource, type Settings } from '../settings/schema.ts';
import { sourceSecretKey, splitSecrets, type SecretStore } from '../settings/types.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import type { MessageStore } from '../store/message-store.ts';
import { runMessageAction } from './message-actions.ts';
import { createRulesHandlers, type RulesHandlerDeps } from './rules-handlers.ts';
import { createInboxHandlers, type InboxHandlerDeps } from './inbox-handlers.ts';
import { createPublishHandlers, type PublishHandlerDeps } from './publish-handlers.ts';
import { createAdminHandlers, type AdminHandlerDeps } from './admin-handlers.ts';
import { createDevicesHandlers, type DevicesHandlerDeps } from './devices-handlers.ts';
import { createBrokerHandlers, type BrokerHandlerDeps } from './broker-handlers.ts';
import { createSettingsHandlers, type SettingsHandlerDeps } from './settings-handlers.ts';
import { createFavouritesHandlers, type FavouritesHandlerDeps } from './favourites-handlers.ts';
import { createDiagnosticsHandlers, type DiagnosticsHandlerDeps } from './diagnostics-handlers.ts';
import { createUpdatesHandlers, type UpdatesHandlerDeps } from './updates-handlers.ts';

export interface HandlerDeps
  extends
    RulesHandlerDeps,
    PublishHandlerDeps,
    AdminHandlerDeps,
    InboxHandlerDeps,
    DevicesHandlerDeps,
    BrokerHandlerDeps,
    SettingsHandlerDeps,
    FavouritesHandlerDeps,
    DiagnosticsHandlerDeps,
    UpdatesHandlerDeps {
  store: MessageStore;
  sources: SourceRegistry;
  secrets: SecretStore;
  getState: () => AppState;
  settings: () => Settings;
  saveSettings: (settings: Settings) => void;
  newSourceId: () => string;
  readChanged: (change: { readIds?: number[]; allRead?: boolean }) => void;
  stateChanged: () => void;
  /** Pauses notifications (until `until`, or until turned off) or resumes them. */
  setPaused: (paused: boolean, until?: number) => void;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, writes, sources } = deps;

  const view = (id: string): SourceView => {
    const found = sources.views().find((v) => v.id === id);
    if (!found) throw new HeraldError('not_found', `source ${id} not found`);
    return found;
  };

  const savedSource = (id: string): StoredSource => {
    // Before anything is written (secrets go first): the settings' own guard would come too late for them.
    if (deps.policy?.sourceLocked(id)) throw deps.policy.refusal('this source');
    if (sources.get(id)?.ephemeral) {
      throw new HeraldError(
        'conflict',
        'this source was given on the command line for this run and cannot be changed here',
      );
    }
    return settingsSource(id);
  };

  /** A saved source to copy: command-line ones are for one run and have no saved form to copy. */
  const savedSourceToCopy = (id: string): StoredSource => {
    // A copy would carry the policy's credentials to a source the user can point anywhere.
    if (deps.policy?.sourceLocked(id)) throw deps.policy.refusal('this source', 'it cannot be copied');
    return settingsSource(id);
  };

  /** A source as saved in the settings (command-line ones are not). */
  const settingsSource = (id: string): StoredSource => {
    const found = deps.settings().sources.find((s) => s.id === id);
    if (!found) throw new HeraldError('not_found', `source ${id} not found`);
    return found;
  };

  /** undefined keeps a stored secret, '' removes it. Written before settings, so a refusal saves nothing. */
  const applySecrets = (id: string, request: SecretValues) => {
    for (const field of SECRET_FIELDS) {
      const value = request[field];
      if (value !== undefined) deps.secrets.set(sourceSecretKey(id, field), value === '' ? undefined : value);
    }
  };

  const writeSource = async (
    request: ParsedRequest<'sources.add'> | ParsedRequest<'sources.update'>,
    base: Pick<StoredSource, 'id' | 'embedded'>,
  ): Promise<SourceView> => {
    const { config: settings, secrets } = splitSecrets(request as typeof request & { id?: string });
    delete settings.id;
    const source = StoredSource.parse({
      ...settings,
      ...('username' in settings ? { username: settings.username || undefined } : {}),
      ...('clientId' in settings ? { clientId: settings.clientId || undefined } : {}),
      id: base.id,
      // Editing the embedded default keeps it following the broker unless its URL was changed by hand.
      embedded: base.embedded && settings.kind === 'mqtt' && settings.url === view(base.id).url,
    });
    applySecrets(source.id, secrets);
    const current = deps.settings().sources;
    const index = current.findIndex((s) => s.id === source.id);
    const next = index === -1 ? [...current, source] : current.map((s, i) => (i === index ? source : s));
    deps.saveSettings({ ...deps.settings(), sources: next });
    await sources.put(source);
    return view(source.id);
  };

  return {
    'app.getState': () => deps.getState(),
    'inbox.list': (request) => store.list(request),
    'inbox.get': (request) => store.get(request.id),
    'inbox.markRead': async (request) => {
      const changed = await writes.markRead(request.ids);
      if (changed.length) deps.readChanged({ readIds: changed });
      return { unread: writes.counts().unread };
    },
    'inbox.runAction': async (request) => {
      const message = store.get(request.id);
      if (!message) throw new HeraldError('not_found', `message ${request.id} not found`);
      const action = message.extras?.actions?.[request.index];
      if (!action) throw new HeraldError('not_found', `message ${request.id} has no action ${request.index}`);
      const result = await runMessageAction(action);
      if (action.clear && (await writes.markRead([request.id])).length) deps.readChanged({ readIds: [request.id] });
      return result;
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
      for (const field of SECRET_FIELDS) deps.secrets.set(sourceSecretKey(request.id, field), undefined);
      await sources.remove(request.id);
      return {};
    },
    'sources.duplicate': async (request) => {
      const original = savedSourceToCopy(request.id);
      const id = deps.newSourceId();
      // Off until edited: a copy connecting at once would share the original's session and subscriptions.
      const { clientId: _clientId, ...config } = original as StoredSource & { clientId?: string };
      const copy = StoredSource.parse({
        ...config,
        id,
        embedded: false,
        enabled: false,
        name: copyName(original.name),
      });
      for (const field of SECRET_FIELDS) {
        const value = deps.secrets.get(sourceSecretKey(original.id, field));
        if (value !== undefined) deps.secrets.set(sourceSecretKey(id, field), value);
      }
      deps.saveSettings({ ...deps.settings(), sources: [...deps.settings().sources, copy] });
      await sources.put(copy);
      return view(id);
    },
    'sources.reorder': (request) => {
      const saved = deps.settings().sources;
      const known = new Set(saved.map((s) => s.id));
      if (
        request.ids.length !== known.size ||
        new Set(request.ids).size !== known.size ||
        !request.ids.every((id) => known.has(id))
      ) {
        throw new HeraldError('invalid_request', 'sources.reorder needs every saved source id exactly once');
      }
      const byId = new Map(saved.map((s) => [s.id, s]));
      deps.saveSettings({ ...deps.settings(), sources: request.ids.map((id) => byId.get(id)!) });
      sources.reorder(request.ids);
      deps.stateChanged();
      return sources.views();
    },
    'sources.reconnect': (request) => {
      if (request.id !== undefined) view(request.id);
      sources.reconnect(request.id);
      return {};
    },
    'notifications.setPaused': (request) => {
      const until = request.paused && request.minutes !== undefined ? Date.now() + request.minutes * 60_000 : undefined;
      deps.setPaused(request.paused, until);
      return { paused: request.paused, ...(until !== undefined ? { pausedUntil: until } : {}) };
    },
    ...createRulesHandlers(deps),
    ...createInboxHandlers(deps),
    ...createPublishHandlers(deps),
    ...createAdminHandlers(deps),
    ...createDevicesHandlers(deps),
    ...createBrokerHandlers(deps),
    ...createSettingsHandlers(deps),
    ...createFavouritesHandlers(deps),
    ...createDiagnosticsHandlers(deps),
    ...createUpdatesHandlers(deps),
  };
}

/** "Office (copy)"; within the 100 characters a name may have. */
function copyName(name: string): string {
  const suffix = ' (copy)';
  return `${name.slice(0, 100 - suffix.length)}${suffix}`;
}
