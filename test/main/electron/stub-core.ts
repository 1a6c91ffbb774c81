// A stand-in HeraldCore for shell tests: records every command and event subscription, keeps a small state
// that the commands really change (mark all read zeroes unread, pause flips paused), and lets tests emit events.
// The real core is tested against real brokers elsewhere; here only the shell's wiring is under test.
import type { CommandName, EventName, EventPayload } from '../../../src/shared/contract.ts';
import type { AppState, SourceView } from '../../../src/shared/model.ts';
import type { Favourite } from '../../../src/shared/commands/favourites.ts';
import type { HeraldCore } from '../../../src/main/core/core-api.ts';
import { WebhookHub } from '../../../src/main/core/sources/webhook/webhook-hub.ts';
import { CoreEvents } from '../../../src/main/core/core-events.ts';

export interface StubCore extends HeraldCore {
  state: AppState;
  calls: { command: CommandName; request: unknown }[];
  resumed: number;
  /** What favourites.list answers. */
  favourites: Favourite[];
  opened: (number | undefined)[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(): number;
}

export function source(name: string, state: SourceView['status']['state'], error?: string): SourceView {
  return {
    id: name.toLowerCase().replace(/\W+/g, '-'),
    kind: 'mqtt',
    name,
    url: 'mqtt://127.0.0.1:1883',
    hasPassword: false,
    hasToken: false,
    hasTlsKey: false,
    protocolVersion: 4,
    keepalive: 30,
    clean: true,
    sessionExpiry: 0,
    discovery: { homeAssistant: true, zigbee2mqtt: true, prefix: 'homeassistant', baseTopic: 'zigbee2mqtt' },
    topics: [{ filter: 'herald/#', qos: 1 }],
    enabled: state !== 'disabled',
    minPriority: 1,
    embedded: false,
    ephemeral: false,
    status: { state, since: 0, ...(error ? { error } : {}) },
  };
}

export function createStubCore(initial: Partial<AppState> = {}): StubCore {
  const events = new CoreEvents();
  const state: AppState = {
    unread: 0,
    total: 0,
    paused: false,
    broker: { enabled: true, running: true, host: '127.0.0.1', port: 1883, lan: false },
    sources: [source('Local broker', 'connected')],
    warnings: [],
    ...initial,
  };
  const calls: StubCore['calls'] = [];
  const record = (command: CommandName, request: unknown) => calls.push({ command, request });
  const notImplemented = (command: CommandName) => (request: unknown) => {
    record(command, request);
    throw new Error(`${command} is not implemented by the stub core`);
  };

  const core: StubCore = {
    state,
    calls,
    resumed: 0,
    favourites: [],
    opened: [],
    handlers: {
      'app.getState': (request) => {
        record('app.getState', request);
        return structuredClone(core.state);
      },
      'inbox.list': notImplemented('inbox.list'),
      'inbox.get': notImplemented('inbox.get'),
      'inbox.markRead': notImplemented('inbox.markRead'),
      'inbox.runAction': notImplemented('inbox.runAction'),
      'inbox.markAllRead': (request) => {
        record('inbox.markAllRead', request);
        core.state.unread = 0;
        return { unread: 0 };
      },
      'inbox.markUnread': notImplemented('inbox.markUnread'),
      'inbox.pin': notImplemented('inbox.pin'),
      'inbox.delete': notImplemented('inbox.delete'),
      'inbox.topics': notImplemented('inbox.topics'),
      'inbox.values': notImplemented('inbox.values'),
      'devices.alert': notImplemented('devices.alert'),
      'inbox.getRetention': notImplemented('inbox.getRetention'),
      'inbox.setRetention': notImplemented('inbox.setRetention'),
      'sources.list': (request) => {
        record('sources.list', request);
        return core.state.sources;
      },
      'sources.add': notImplemented('sources.add'),
      'sources.update': notImplemented('sources.update'),
      'sources.remove': notImplemented('sources.remove'),
      'sources.reconnect': notImplemented('sources.reconnect'),
      'sources.duplicate': notImplemented('sources.duplicate'),
      'sources.reorder': notImplemented('sources.reorder'),
      'rules.get': notImplemented('rules.get'),
      'rules.set': notImplemented('rules.set'),
      'rules.preview': notImplemented('rules.preview'),
      'rules.mute': notImplemented('rules.mute'),
      'rules.snooze': notImplemented('rules.snooze'),
      'publish.send': notImplemented('publish.send'),
      'publish.history': notImplemented('publish.history'),
      'publish.topics': notImplemented('publish.topics'),
      'publish.buttons.list': notImplemented('publish.buttons.list'),
      'publish.buttons.save': notImplemented('publish.buttons.save'),
      'publish.buttons.remove': notImplemented('publish.buttons.remove'),
      'publish.buttons.press': notImplemented('publish.buttons.press'),
      'sources.test': notImplemented('sources.test'),
      'config.export': notImplemented('config.export'),
      'config.previewImport': notImplemented('config.previewImport'),
      'config.import': notImplemented('config.import'),
      'devices.list': notImplemented('devices.list'),
      'devices.command': notImplemented('devices.command'),
      'broker.status': notImplemented('broker.status'),
      'broker.configure': notImplemented('broker.configure'),
      'broker.users.list': notImplemented('broker.users.list'),
      'broker.users.set': notImplemented('broker.users.set'),
      'broker.users.remove': notImplemented('broker.users.remove'),
      'broker.acl.get': notImplemented('broker.acl.get'),
      'broker.acl.set': notImplemented('broker.acl.set'),
      'broker.retained.list': notImplemented('broker.retained.list'),
      'broker.retained.delete': notImplemented('broker.retained.delete'),
      'broker.bridge.set': notImplemented('broker.bridge.set'),
      'broker.bridge.test': notImplemented('broker.bridge.test'),
      // Read by the tray at start-up and after every change, so not recorded: tests set `favourites` instead.
      'favourites.list': () => ({ favourites: structuredClone(core.favourites) }),
      'favourites.set': notImplemented('favourites.set'),
      'settings.get': notImplemented('settings.get'),
      'settings.update': notImplemented('settings.update'),
      'app.info': notImplemented('app.info'),
      'app.testNotification': notImplemented('app.testNotification'),
      'app.setLocale': notImplemented('app.setLocale'),
      'app.autostart.get': notImplemented('app.autostart.get'),
      'app.autostart.set': notImplemented('app.autostart.set'),
      'app.exportDiagnostics': notImplemented('app.exportDiagnostics'),
      'updates.get': notImplemented('updates.get'),
      'updates.configure': notImplemented('updates.configure'),
      'updates.check': notImplemented('updates.check'),
      'notifications.setPaused': (request) => {
        record('notifications.setPaused', request);
        core.state.paused = request.paused;
        return { paused: request.paused };
      },
    },
    on: (event, listener) => events.on(event, listener),
    onAny: (listener) => events.onAny(listener),
    getState: () => structuredClone(core.state),
    hooks: new WebhookHub(),
    resume() {
      core.resumed++;
    },
    openMessage(id) {
      core.opened.push(id);
      core.emit('ui.openMessage', { id });
    },
    async stop() {
      events.clear();
    },
    emit: (event, payload) => events.emit(event, payload),
    listenerCount: () => events.listenerCount,
  };
  return core;
}
