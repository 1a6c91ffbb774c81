// The stages between a source and the UI, in the order a message passes them:
//   source -> sink -> decode (toNewMessage) -> [rules] -> store (BatchWriter, one transaction per turn)
//          -> onCommitted (badge counts, UI events, notifications)
// Every host (the app, `herald serve`) and every test harness builds its pipeline here, so they cannot drift.
// The rules stage (what a message deserves: notify, silent, read, drop) goes between decode and store: it
// sees the decoded message and decides before anything is written.
import type { MessageSummary } from '../../../shared/model.ts';
import type { MessageSink } from '../messages.ts';
import { BatchWriter, type BatchSideEffects } from '../store/batch-writer.ts';
import type { MessageStore } from '../store/message-store.ts';
import { toNewMessage } from './to-new-message.ts';

export interface PipelineOptions {
  store: MessageStore;
  /** The payload cap, read for every message so a settings change applies to the next one. */
  maxPayloadBytes: () => number;
  /** After each commit: what the batch stored (in order), and entries it removed or marked read. */
  onCommitted?: (committed: MessageSummary[], effects: BatchSideEffects) => void;
  /** Commit early when this many messages are queued (BatchWriter's default otherwise). */
  maxBatch?: number;
}

export interface Pipeline {
  /** The entry every source is given; resolves once the message is committed (null: a duplicate). */
  readonly sink: MessageSink;
  /** Commits what is queued and refuses further messages; the store stays open for its owner to close. */
  close(): Promise<void>;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const writer = new BatchWriter(options.store, options.onCommitted ?? (() => {}), { maxBatch: options.maxBatch });
  const sink: MessageSink = (message) => {
    try {
      return writer.write(toNewMessage(message, { maxBytes: options.maxPayloadBytes() }));
    } catch (err) {
      // A stage that throws must not take the source's read loop down: the message is refused like a failed write.
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
  return { sink, close: () => writer.close() };
}
