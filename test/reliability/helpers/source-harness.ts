// An MqttSource wired to a real inbox the way herald-core wires it (createPipeline: decode -> BatchWriter ->
// SQLite, the QoS 2 in-flight table in the same database), so source tests see what a user's inbox would hold.
import { join } from 'node:path';
import type { SourceStatus } from '../../../src/shared/model.ts';
import { StoredSource } from '../../../src/main/core/settings/schema.ts';
import type { MqttConfig } from '../../../src/main/core/sources/mqtt/mqtt-options.ts';
import { MqttSource, type MqttSourceOptions } from '../../../src/main/core/sources/mqtt/mqtt-source.ts';
import type { IncomingMessage } from '../../../src/main/core/messages.ts';
import { createPipeline } from '../../../src/main/core/pipeline/pipeline.ts';
import type { SourceContext, SourceSecrets } from '../../../src/main/core/sources/common/source.ts';
import { MessageStore, type ExportRow } from '../../../src/main/core/store/message-store.ts';
import { StoreWrites, type InboxWrites } from '../../../src/main/core/store/inbox-writes.ts';
import { WorkerWrites } from '../../../src/main/core/store/writer/worker-writes.ts';

export function mqttConfig(fields: Partial<MqttConfig> & { url: string }): MqttConfig {
  const parsed = StoredSource.parse({
    id: 'src',
    kind: 'mqtt',
    name: 'Test broker',
    topics: [{ filter: 't/#', qos: 1 }],
    ...fields,
  });
  if (parsed.kind !== 'mqtt') throw new Error('not an MQTT source');
  return parsed;
}

export interface SourceHarness {
  source: MqttSource;
  store: MessageStore;
  statuses: SourceStatus[];
  /** Every message handed to the pipeline (before commit), in arrival order. */
  handed: IncomingMessage[];
  rows(): ExportRow[];
  /** Stops the source; the inbox stays readable until cleanup. */
  stop(): Promise<void>;
}

export interface HarnessOptions extends MqttSourceOptions {
  dataDir: string;
  secrets?: SourceSecrets;
  /** Replaces the commit (e.g. to hold or fail it); gets the real one to call. */
  sink?: (message: IncomingMessage, commit: (message: IncomingMessage) => Promise<unknown>) => Promise<unknown>;
}

export function startSource(config: MqttConfig, options: HarnessOptions): SourceHarness {
  const store = MessageStore.open(join(options.dataDir, 'inbox.sqlite'));
  return wire(config, options, store, new StoreWrites(store));
}

/** The same with the writer worker the core uses: writes commit in it, the harness reads on its own connection. */
export async function startSourceWithWorker(
  config: MqttConfig,
  options: HarnessOptions,
): Promise<SourceHarness & { writes: WorkerWrites }> {
  const file = join(options.dataDir, 'inbox.sqlite');
  const writes = await WorkerWrites.start(file);
  const harness = wire(config, options, MessageStore.open(file, { readOnly: true }), writes);
  return {
    ...harness,
    writes,
    async stop() {
      await harness.stop();
      await writes.close();
    },
  };
}

function wire(config: MqttConfig, options: HarnessOptions, store: MessageStore, writes: InboxWrites): SourceHarness {
  const pipeline = createPipeline({ writes, maxPayloadBytes: () => 256 * 1024 });
  const statuses: SourceStatus[] = [];
  const handed: IncomingMessage[] = [];
  const commit = pipeline.sink;
  const context: SourceContext = {
    sink: (message) => {
      handed.push(message);
      return options.sink ? options.sink(message, commit) : commit(message);
    },
    onStatus: (status) => statuses.push(status),
    secrets: options.secrets ?? {},
    loadCursor: () => undefined,
    dataDir: join(options.dataDir, 'sources'),
    inflight: {
      put: (messageId, packet) => writes.putInflight(config.id, messageId, packet),
      get: (messageId) => store.inflightFor(config.id).get(messageId),
      delete: () => {},
    },
  };
  const source = new MqttSource(config, context, { backoff: { initialMs: 100, maxMs: 400 }, ...options });
  source.start();
  let stopped = false;
  return {
    source,
    store,
    statuses,
    handed,
    rows: () => [...store.exportAll()],
    async stop() {
      if (stopped) return;
      stopped = true;
      await source.stop();
      await pipeline.close();
      store.close();
    },
  };
}
