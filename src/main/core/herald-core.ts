// The core assembled: source -> decode -> store -> notify/badge events -> UI. Hosts (the Electron shell and
// the headless server) create one of these and connect a transport to its handlers and events.
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/contract.ts';
import type { AppState, BrokerInfo } from '../../shared/model.ts';
import { startEmbeddedBroker, LOOPBACK, type RunningBroker } from './broker/embedded-broker.ts';
import type { CoreEventListener, HeraldCore, HeraldCoreOptions } from './core-api.ts';
import { decode } from './decode/decode.ts';
import { InboxEvents } from './notify/inbox-events.ts';
import { NotifyPlanner } from './notify/notify-planner.ts';
import { createHandlers } from './service/handlers.ts';
import { SourceInput } from '../../shared/sources.ts';
import { describeIssues } from '../../shared/contract.ts';
import { StoredSource, type Settings } from './settings/schema.ts';
import { BROKER_PASSWORD_KEY, sourceSecretKey } from './settings/types.ts';
import { SourceRegistry } from './sources/source-registry.ts';
import type { IncomingMessage } from './sources/source.ts';
import { decodeFields } from './decode/decode-fields.ts';
import { BatchWriter } from './store/batch-writer.ts';
import { MessageStore } from './store/message-store.ts';

export const INBOX_FILE = 'inbox.sqlite';
export const DEFAULT_SOURCE_ID = 'local';

/** What a first run subscribes to: everything under herald/ on the embedded broker. */
export function defaultSource(): StoredSource {
  return StoredSource.parse({
    id: DEFAULT_SOURCE_ID,
    kind: 'mqtt',
    name: 'Local broker',
    url: `mqtt://${LOOPBACK}:1883`,
    topics: [{ filter: 'herald/#', qos: 1 }],
    enabled: true,
    embedded: true,
  });
}

export async function createHeraldCore(options: HeraldCoreOptions): Promise<HeraldCore> {
  const listeners = new Set<CoreEventListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners) listener(event, payload);
  };

  let settings: Settings = options.settings.load();
  if (!settings.initialized) {
    settings = { ...settings, initialized: true, sources: [defaultSource(), ...settings.sources] };
    options.settings.save(settings);
  }
  const saveSettings = (next: Settings) => {
    options.settings.save(next);
    settings = next;
  };

  const store = MessageStore.open(join(options.dataDir, INBOX_FILE));
  const inboxEvents = new InboxEvents({ counts: () => store.counts(), emit: (p) => emit('inbox.changed', p) });
  const planner = new NotifyPlanner({
    windowMs: () => settings.notifications.burstWindowMs,
    paused: () => settings.notifications.paused,
    show: (notification) => emit('notify', notification),
  });
  const writer = new BatchWriter(store, (committed, effects) => {
    inboxEvents.add(committed, effects.removedIds);
    if (effects.readIds.length) inboxEvents.readChanged({ readIds: effects.readIds });
    planner.add(committed);
  });

  const sink = (message: IncomingMessage) => {
    const maxBytes = settings.inbox.maxPayloadBytes;
    return writer.write({
      ...(message.fields ? decodeFields(message.fields, { maxBytes }) : decode(message.payload ?? new Uint8Array(), { maxBytes })),
      sourceId: message.sourceId,
      sourceName: message.sourceName,
      topic: message.topic,
      receivedAt: message.receivedAt,
      properties: message.properties,
      dedupeKey: message.dedupeKey,
      foldKey: message.foldKey,
      op: message.op,
      cursor: message.cursor,
      releaseInflight: message.releaseInflight,
    });
  };

  const brokerInfo: BrokerInfo = { enabled: false, running: false, host: LOOPBACK, port: null, lan: false };
  let broker: RunningBroker | null = null;
  const wantBroker = options.brokerPort !== 'off' && settings.broker.enabled;
  if (wantBroker) {
    brokerInfo.enabled = true;
    brokerInfo.lan = settings.broker.lan;
    try {
      broker = await startEmbeddedBroker({
        port: typeof options.brokerPort === 'number' ? options.brokerPort : settings.broker.port,
        lan: settings.broker.lan,
        username: settings.broker.username,
        password: options.secrets.get(BROKER_PASSWORD_KEY),
      });
      Object.assign(brokerInfo, { running: true, host: broker.host, port: broker.port });
      if (broker.movedFromPort !== null) {
        brokerInfo.error = `port ${broker.movedFromPort} was taken; the embedded broker listens on ${broker.port} instead`;
      }
    } catch (err) {
      brokerInfo.error = `the embedded broker could not start: ${(err as Error).message}`;
    }
  }

  let stateQueued = false;
  const stateChanged = () => {
    if (stateQueued) return;
    stateQueued = true;
    queueMicrotask(() => {
      stateQueued = false;
      emit('app.state', getState());
    });
  };

  const sources = new SourceRegistry({
    sink,
    embeddedBrokerUrl: () => {
      if (broker) return { url: `mqtt://${LOOPBACK}:${broker.port}` };
      return { error: brokerInfo.enabled ? (brokerInfo.error ?? 'the embedded broker is not running') : 'the embedded broker is turned off' };
    },
    secrets: (id) => ({
      password: options.secrets.get(sourceSecretKey(id, 'password')),
      token: options.secrets.get(sourceSecretKey(id, 'token')),
      tlsKey: options.secrets.get(sourceSecretKey(id, 'tlsKey')),
    }),
    loadCursor: (id) => store.cursor(id),
    inflight: (id) => ({
      put: (messageId, packet) => store.putInflight(id, messageId, packet),
      get: (messageId) => store.getInflight(id, messageId),
      delete: (messageId) => store.deleteInflight(id, messageId),
    }),
    dataDir: join(options.dataDir, 'sources'),
    onChange: stateChanged,
  });

  const warnings = [...options.settings.warnings];
  const getState = (): AppState => ({
    ...store.counts(),
    paused: settings.notifications.paused,
    broker: { ...brokerInfo },
    sources: sources.views(),
    warnings,
  });

  for (const source of settings.sources) await sources.put(source);
  for (const extra of options.extraSources ?? []) {
    const parsed = SourceInput.safeParse({ name: hostLabel(extra.url), ...extra });
    if (!parsed.success) throw new Error(`source ${extra.url}: ${describeIssues(parsed.error)}`);
    const { password, token, tlsKey, ...config } = parsed.data;
    await sources.put(StoredSource.parse({ ...config, id: ephemeralSourceId(config) }), true, { password, token, tlsKey });
  }

  const handlers = createHandlers({
    store,
    sources,
    secrets: options.secrets,
    getState,
    settings: () => settings,
    saveSettings,
    newSourceId: () => randomUUID().slice(0, 8),
    readChanged: (change) => inboxEvents.readChanged(change),
    stateChanged,
  });

  let stopped = false;
  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState,
    resume: () => sources.reconnect(),
    openMessage: (id) => emit('ui.openMessage', { id }),
    async stop() {
      if (stopped) return;
      stopped = true;
      await sources.stopAll();
      await writer.close();
      inboxEvents.flush();
      inboxEvents.stop();
      planner.stop();
      await broker?.close();
      store.close();
      listeners.clear();
    },
  };
}

/**
 * A command-line source's id follows from what it listens to, so the same --source on the next run resumes
 * from its own cursor (and MQTT session), and a different one never inherits it.
 */
function ephemeralSourceId(config: { kind: string; url: string; topics?: unknown; clientId?: string }): string {
  const identity = JSON.stringify([config.kind, config.url, config.topics ?? null, config.clientId ?? null]);
  return `cli-${createHash('sha256').update(identity).digest('hex').slice(0, 10)}`;
}

function hostLabel(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
