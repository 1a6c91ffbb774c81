// The core assembled: source -> pipeline (decode -> store) -> notify/badge events -> UI. Hosts (the Electron
// shell and the headless server) create one of these and connect a transport to its handlers and events.
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describeIssues } from '../../shared/contract.ts';
import type { AppState } from '../../shared/model.ts';
import { SourceInput } from '../../shared/sources.ts';
import { startBrokerControl } from './broker/broker-control.ts';
import { LOOPBACK } from './broker/embedded-broker.ts';
import type { HeraldCore, HeraldCoreOptions } from './core-api.ts';
import { CoreEvents } from './core-events.ts';
import { CatchUpMeter } from './notify/catch-up-meter.ts';
import { InboxEvents } from './notify/inbox-events.ts';
import { NotifyPlanner } from './notify/notify-planner.ts';
import { PauseState } from './notify/pause-state.ts';
import { ReconnectWatch } from './notify/reconnect-watch.ts';
import { createPipeline } from './pipeline/pipeline.ts';
import { RetainedMemory } from './pipeline/retained-memory.ts';
import { DeviceRegistry } from './devices/device-registry.ts';
import type { ExtraTopics } from './sources/common/source.ts';
import { RULES_STATE_KEY, RulesHost } from './rules/rules-host.ts';
import { createHandlers } from './service/handlers.ts';
import { favouritePins } from './service/favourites-handlers.ts';
import { PublishHistory, HISTORY_FILE } from './publish/publish-history.ts';
import { PublishService } from './publish/publisher.ts';
import { TopicsSeen } from './publish/topics-seen.ts';
import { StoredSource, type Settings } from './settings/schema.ts';
import { loadPolicy, type PolicyLoad } from './settings/policy.ts';
import { BRIDGE_PASSWORD_KEY, BROKER_PASSWORD_KEY, loadSourceSecrets, splitSecrets } from './settings/types.ts';
import { SourceRegistry } from './sources/source-registry.ts';
import { WebhookHub } from './sources/webhook/webhook-hub.ts';
import { MessageStore } from './store/message-store.ts';
import { WorkerWrites } from './store/writer/worker-writes.ts';
import { environmentLanguages, mainText } from './i18n/main-texts.ts';
import { localeOf, type Locale } from '../../shared/locale.ts';
import { startSearchIndexer } from './store/search-indexer.ts';
import { RetentionRunner } from './store/retention-runner.ts';
import { UpdateService } from './updates/update-service.ts';
import { addLogSink, logger } from './logging/logger.ts';
import { LogFile } from './logging/log-file.ts';

export const INBOX_FILE = 'inbox.sqlite';
export const DEFAULT_SOURCE_ID = 'local';
/** Backlogs arrive within moments of connecting; a short window keeps a first live message from waiting long. */
const STARTUP_CATCH_UP_MS = 2_000;
const RESUME_CATCH_UP_MS = 5_000;

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
  const events = new CoreEvents();
  // Every logged line also goes to <dataDir>/logs/herald.log (JSON Lines, rotated) for a diagnostics export.
  const logFile = new LogFile(options.dataDir);
  const detachLog = addLogSink((record) => logFile.write(record));

  let settings: Settings = options.settings.load();
  if (!settings.initialized) {
    settings = { ...settings, initialized: true, sources: [defaultSource(), ...settings.sources] };
    options.settings.save(settings);
  }
  if (options.rules) {
    settings = { ...settings, rules: options.rules };
    options.settings.save(settings);
  }
  // The administrator's policy: locked items put back as it says, the rest given once; then guarded on every save.
  const policyLoad: PolicyLoad = options.policyFile ? loadPolicy(options.policyFile) : { policy: null };
  const policy = policyLoad.policy;
  if (policy) {
    const applied = policy.apply(settings);
    for (const [key, value] of applied.secrets) options.secrets.set(key, value);
    if (JSON.stringify(applied.settings) !== JSON.stringify(settings)) {
      settings = applied.settings;
      options.settings.save(settings);
    }
  }
  const saveSettings = (next: Settings) => {
    policy?.refuseChanges(settings, next);
    const pinsBefore = favouritePins(settings);
    options.settings.save(next);
    settings = next;
    // Pins change through favourites.set, a button saved as pinned, or an imported setup: one event for all.
    if (favouritePins(next) !== pinsBefore) events.emit('favourites.changed', {});
  };

  // Writes (ingest included) run in the writer worker, which opens the inbox first and brings its schema up to
  // date; the main loop reads on a connection of its own, never waiting behind a write batch.
  const inboxFile = join(options.dataDir, INBOX_FILE);
  const writes = await WorkerWrites.start(inboxFile, {
    workerUrl: options.writerWorker,
    onRestart: () => stateChanged(),
  });
  let store: MessageStore;
  try {
    store = MessageStore.open(inboxFile, { readOnly: true });
  } catch (err) {
    await writes.close();
    throw err;
  }
  const inboxEvents = new InboxEvents({ counts: () => writes.counts(), emit: (p) => events.emit('inbox.changed', p) });
  const pause = new PauseState({
    get: () => settings.notifications,
    set: (notifications) =>
      saveSettings({ ...settings, notifications: { ...settings.notifications, ...notifications } }),
    onChange: () => stateChanged(),
  });
  // What main says itself follows the language the UI last showed, else the system's.
  const systemLocale = localeOf(options.systemLanguages ?? environmentLanguages());
  const locale = (): Locale => settings.locale ?? systemLocale;
  const text = () => mainText(locale());
  const planner = new NotifyPlanner({
    text,
    windowMs: () => settings.notifications.burstWindowMs,
    paused: () => pause.paused(),
    show: (notification) => events.emit('notify', notification),
    // A backlog whose commits pause (a loaded machine) is not over while messages still wait for the writer.
    busy: () => pipeline.pending() > 0,
  });
  const rules = new RulesHost({
    load: () => settings.rules,
    save: (document) => saveSettings({ ...settings, rules: document }),
    savedState: () => store.state(RULES_STATE_KEY),
    minPriority: (id) => sources.get(id)?.config.minPriority ?? 1,
    onChange: () => stateChanged(),
  });
  const topicsSeen = new TopicsSeen();
  // Device state and discovery go to the devices, not the inbox; an unchanged retained copy is not stored again.
  const devices = new DeviceRegistry({
    source: (id): StoredSource | undefined => sources.get(id)?.config,
    publish: (request) => publisher.publish(request),
    onChange: (change) => events.emit('devices.changed', change),
  });
  const retained = new RetainedMemory({ load: (key) => store.state(key) });
  const catchUp = new CatchUpMeter(
    () => stateChanged(),
    Date.now,
    () => pipeline.pending() > 0,
  );
  const pipeline = createPipeline({
    writes,
    maxPayloadBytes: () => settings.inbox.maxPayloadBytes,
    rules: () => rules.engine(),
    sourceKind: (id) => sources.get(id)?.config.kind,
    stateToSave: () => [...rules.stateToSave(), ...retained.stateToSave()],
    device: (message) => (devices.consume(message) ? (devices.deviceName(message) ?? '') : null),
    divert: (message) => retained.unchanged(message),
    afterCommit: { wants: (message) => retained.wants(message), committed: (message) => retained.remember(message) },
    onCommitted: (committed, effects) => {
      inboxEvents.add(
        committed.map((c) => c.summary),
        effects.removedIds,
      );
      if (effects.readIds.length) inboxEvents.readChanged({ readIds: effects.readIds });
      for (const { summary } of committed) topicsSeen.add(summary.sourceId, summary.topic);
      // A backlog that takes longer than the catch-up window is still one summary, not bursts after the window.
      if (catchUp.committed(committed.map((c) => c.summary.sourceId))) planner.catchUp(RESUME_CATCH_UP_MS);
      planner.add(committed);
    },
  });

  const broker = await startBrokerControl({
    settings: settings.broker,
    password: () => options.secrets.get(BROKER_PASSWORD_KEY),
    bridgePassword: () => options.secrets.get(BRIDGE_PASSWORD_KEY),
    onBridgeChange: () => stateChanged(),
    portOverride: options.brokerPort,
    overrides: options.brokerOverrides,
    dataDir: options.dataDir,
    workerUrl: options.brokerWorker,
    // The broker's worker died or came back (perhaps on another port): Herald's own source follows it.
    onChange: () => {
      stateChanged();
      const embedded = settings.sources.filter((source) => source.embedded);
      void Promise.all(embedded.map((source) => sources.put(source))).catch((err: unknown) =>
        logger('broker').error('the default source could not follow the broker', err),
      );
    },
  });

  let stateQueued = false;
  const reconnects = new ReconnectWatch(() => planner.catchUp(RESUME_CATCH_UP_MS));
  const stateChanged = () => {
    if (stateQueued) return;
    stateQueued = true;
    queueMicrotask(() => {
      stateQueued = false;
      const state = getState();
      reconnects.saw(state.sources);
      catchUp.saw(state.sources);
      events.emit('app.state', state);
    });
  };

  // Webhook sources put their hooks here; the headless web server answers POST /hook/NAME from it.
  const hooks = new WebhookHub();
  const sources = new SourceRegistry({
    hooks,
    sink: pipeline.sink,
    embeddedBrokerUrl: () => broker.url(),
    secrets: (id) => loadSourceSecrets(options.secrets, id),
    loadCursor: (id) => store.cursor(id),
    inflight: (id) => ({
      put: (messageId, packet) => writes.putInflight(id, messageId, packet),
      get: (messageId) => store.inflightFor(id).get(messageId),
      delete: () => {},
    }),
    extraTopics: (id): ExtraTopics => devices.topics.forSource(id),
    dataDir: join(options.dataDir, 'sources'),
    locked: (id) => policy?.sourceLocked(id) ?? false,
    onChange: () => {
      stateChanged();
      publisher.sourcesChanged();
    },
  });
  const publisher = new PublishService({ sources, onQueueChange: stateChanged });
  const updates = new UpdateService({
    settings: () => settings.updates,
    version: options.version,
    onChange: (view) => {
      events.emit('updates.changed', view);
      stateChanged();
    },
  });

  const warnings = [...options.settings.warnings];
  if ('warning' in policyLoad && policyLoad.warning) warnings.push(policyLoad.warning);
  const getState = (): AppState => ({
    ...writes.counts(),
    ...pause.view(),
    broker: broker.info(),
    sources: sources
      .views()
      .map((view) => {
        const queued = publisher.queued(view.id);
        return queued ? { ...view, status: { ...view.status, queued } } : view;
      })
      .map((view) => {
        const received = catchUp.received(view.id);
        return received === undefined ? view : { ...view, catchingUp: received };
      }),
    warnings,
    searchIndex: store.searchIndexProgress(writes.counts().total),
    purge: retention.progress(),
    policy: policy?.view() ?? null,
    locale: locale(),
    update: updates.available(),
  });
  // An inbox from before search: indexed in the background, newest first, with progress in the app state.
  const searchIndexer = startSearchIndexer(store.searchIndexProgress() !== null, writes, stateChanged, (err) =>
    logger('search').error('indexing older messages stopped', err),
  );
  // Retention purges in small steps in the background, with progress in the app state.
  const retention = new RetentionRunner({
    store,
    writes,
    rules: () => settings.inbox.retention,
    onRemoved: (ids) => inboxEvents.add([], ids),
    onProgress: stateChanged,
    onError: (err) => logger('retention').error('a retention rule failed', err),
  });
  if (settings.inbox.retention.length > 0) void retention.run();

  for (const source of settings.sources) await sources.put(source);
  for (const extra of options.extraSources ?? []) {
    const parsed = SourceInput.safeParse({ name: hostLabel(extra.url), ...extra });
    if (!parsed.success) throw new Error(`source ${extra.url}: ${describeIssues(parsed.error)}`);
    const { config, secrets } = splitSecrets(parsed.data);
    await sources.put(StoredSource.parse({ ...config, id: ephemeralSourceId(config) }), true, secrets);
  }

  const handlers = createHandlers({
    policy,
    store,
    writes,
    sources,
    secrets: options.secrets,
    getState,
    settings: () => settings,
    saveSettings,
    text,
    newSourceId: () => randomUUID().slice(0, 8),
    readChanged: (change) => inboxEvents.readChanged(change),
    stateChanged,
    setPaused: (paused, until) => pause.set(paused, until),
    removed: (ids) => inboxEvents.add([], ids),
    retention,
    rules,
    publisher,
    history: new PublishHistory(join(options.dataDir, HISTORY_FILE)),
    topics: topicsSeen,
    devices,
    broker,
    dataDir: options.dataDir,
    version: options.version,
    flushLog: () => logFile.flush(),
    autostart: options.autostart,
    nativeNotifications: options.nativeNotifications,
    updates,
    notify: (request) => events.emit('notify', request),
    source: (id) => {
      const config = sources.get(id)?.config;
      return config ? { kind: config.kind, name: config.name } : undefined;
    },
  });
  // What arrives in the first seconds (a broker's queued session, ntfy's since= catch-up) is told as one summary.
  planner.catchUp(STARTUP_CATCH_UP_MS);
  // With checks on (off by default), the first one runs now.
  updates.settingsChanged();

  let stopped = false;
  return {
    handlers,
    on: (event, listener) => events.on(event, listener),
    onAny: (listener) => events.onAny(listener),
    getState,
    resume: () => {
      planner.catchUp(RESUME_CATCH_UP_MS);
      sources.reconnect();
    },
    openMessage: (id) => events.emit('ui.openMessage', { id }),
    hooks,
    async stop() {
      if (stopped) return;
      stopped = true;
      searchIndexer.stop();
      retention.stop();
      publisher.stop();
      await sources.stopAll();
      await pipeline.close();
      // The rules' last state, so a `for` episode or a limit window goes on after the restart.
      await writes.applyBatch([], [...rules.stateToSave(true), ...retained.stateToSave(true)]);
      devices.stop();
      rules.stop();
      pause.stop();
      inboxEvents.flush();
      inboxEvents.stop();
      planner.stop();
      catchUp.stop();
      updates.stop();
      await broker.close();
      await writes.close();
      store.close();
      events.clear();
      detachLog();
      await logFile.close();
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
