// The pipeline a source feeds in `herald serve`, minus the rest of the core: sink -> decodeFields/decode ->
// BatchWriter -> MessageStore on a real SQLite file. Source tests use it to build a SourceContext and to
// look at what ended up in the inbox, with timings (deadlines, backoff) the tests choose.
import { join } from 'node:path';
import type { MessageDetail, SourceStatus } from '../../src/shared/model.ts';
import { decode } from '../../src/main/core/decode/decode.ts';
import { decodeFields } from '../../src/main/core/decode/decode-fields.ts';
import type { IncomingMessage, SourceContext, SourceSecrets } from '../../src/main/core/sources/source.ts';
import { BatchWriter } from '../../src/main/core/store/batch-writer.ts';
import { MessageStore } from '../../src/main/core/store/message-store.ts';

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
  const writer = new BatchWriter(store, () => {});
  const statuses: SourceStatus[] = [];
  const received: IncomingMessage[] = [];
  let failing = false;

  const sink = (message: IncomingMessage) => {
    received.push(message);
    if (failing) return Promise.reject(new Error('disk full'));
    const options = { maxBytes: maxPayloadBytes };
    return writer.write({
      ...(message.fields ? decodeFields(message.fields, options) : decode(message.payload ?? new Uint8Array(), options)),
      sourceId: message.sourceId,
      sourceName: message.sourceName,
      topic: message.topic,
      receivedAt: message.receivedAt,
      properties: message.properties,
      dedupeKey: message.dedupeKey,
      foldKey: message.foldKey,
      op: message.op,
      cursor: message.cursor,
    });
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
        inflight: {
          put: (id, packet) => store.putInflight(sourceId, id, packet),
          get: (id) => store.getInflight(sourceId, id),
          delete: (id) => store.deleteInflight(sourceId, id),
        },
      };
    },
    inbox,
    bodies: () => inbox().map((m) => m.body),
    latestStatus: () => statuses.at(-1),
    failWrites: (on) => {
      failing = on;
    },
    close: async () => {
      await writer.close();
      store.close();
    },
  };
}
