// The pipeline a source feeds in `herald serve` (createPipeline: decode -> BatchWriter -> MessageStore on a
// real SQLite file), minus the rest of the core. Source tests use it to build a SourceContext and to
// look at what ended up in the inbox, with timings (deadlines, backoff) the tests choose.
import { join } from 'node:path';
import type { MessageDetail, SourceStatus } from '../../src/shared/model.ts';
import type { IncomingMessage } from '../../src/main/core/messages.ts';
import { createPipeline } from '../../src/main/core/pipeline/pipeline.ts';
import type { SourceContext, SourceSecrets } from '../../src/main/core/sources/common/source.ts';
import { MessageStore } from '../../src/main/core/store/message-store.ts';
import { StoreWrites } from '../../src/main/core/store/inbox-writes.ts';

export interface SourceHarness {
  store: MessageStore;
  /** Every status the source reported, in order. */
  statuses: SourceStatus[];
  /** Every message the source handed to the sink, in order. */
  received: IncomingMessage[];
  context(options?: { secrets?: SourceSecrets; sourceId?: string }): SourceContext;
  /** The inbox, oldest first, in full (body, extras, properties). */
  inbox(): MessageDetail[];
  bodies(): string[];
  latestStatus(): SourceStatus | undefined;
  /** Makes the next sink calls fail as if the disk were full, until called with false. */
  failWrites(on: boolean): void;
  close(): Promise<void>;
}

export function sourceHarness(dir: string, maxPayloadBytes = 64 * 1024): SourceHarness {
  const store = MessageStore.open(join(dir, 'inbox.sqlite'));
  const pipeline = createPipeline({ writes: new StoreWrites(store), maxPayloadBytes: () => maxPayloadBytes });
  const statuses: SourceStatus[] = [];
  const received: IncomingMessage[] = [];
  let failing = false;

  const sink = (message: IncomingMessage) => {
    received.push(message);
    if (failing) return Promise.reject(new Error('disk full'));
    return pipeline.sink(message);
  };

  const inbox = () =>
    store
      .list({ limit: 10_000 })
      .items.reverse()
      .map((item) => store.get(item.id)!);

  return {
    store,
    statuses,
    received,
    context: (options = {}) => {
      const sourceId = options.sourceId ?? 'src-1';
      return {
        sink,
        onStatus: (status) => statuses.push(status),
        secrets: options.secrets ?? {},
        loadCursor: () => store.cursor(sourceId),
        dataDir: join(dir, 'sources'),
        inflight: store.inflightFor(sourceId),
      };
    },
    inbox,
    bodies: () => inbox().map((m) => m.body),
    latestStatus: () => statuses.at(-1),
    failWrites: (on) => {
      failing = on;
    },
    close: async () => {
      await pipeline.close();
      store.close();
    },
  };
}
