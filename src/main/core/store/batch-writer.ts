// The write stage: collects the messages of one event-loop turn and commits them in a single transaction,
// because one fsync per message would cap ingest at a few hundred per second. Each write's promise settles only
// after its transaction committed, so a caller can acknowledge a message (MQTT QoS 1) once it is durable.
// Batches go to the writes (the writer worker in the core) without waiting for the one before: they are
// committed, and their listeners told, in the order they were sent.
import type { MessageSummary } from '../../../shared/model.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { logger } from '../logging/logger.ts';
import type { NewMessage } from '../messages.ts';
import type { InboxWrites } from './inbox-writes.ts';
import type { BatchOutcome, StateEntry } from './message-store.ts';

/** Entries a batch removed (deleted or replaced at the source) or marked read, besides what it added. */
export interface BatchSideEffects {
  removedIds: number[];
  readIds: number[];
}

export interface BatchWriterOptions {
  /** Commit as soon as this many messages are queued, without waiting for the turn to end. Default 1000. */
  maxBatch?: number;
  /**
   * Called when onCommitted throws. The rows are committed by then, so the writes still resolve; the error
   * belongs to whoever consumes the summaries. Default: the core's log.
   */
  onListenerError?: (error: unknown) => void;
  /** State to write in the same transaction as each batch (the rules' state); called once per commit. */
  stateToSave?: () => readonly StateEntry[];
}

/** What onCommitted gets: the stored summaries and, index for index, the messages they were stored from. */
export type CommitListener = (summaries: MessageSummary[], effects: BatchSideEffects, messages: NewMessage[]) => void;

const log = logger('inbox');

type Settle = (summary: MessageSummary | null) => void;
type Fail = (error: unknown) => void;

export const DEFAULT_MAX_BATCH = 1000;

export class BatchWriter {
  private readonly writes: InboxWrites;
  private readonly onCommitted: CommitListener;
  private readonly stateToSave: () => readonly StateEntry[];
  private readonly onListenerError: (error: unknown) => void;
  private readonly maxBatch: number;
  // Parallel arrays rather than one {message, resolve, reject} object per write: less garbage on the hot path.
  private queued: NewMessage[] = [];
  private resolvers: Settle[] = [];
  private rejecters: Fail[] = [];
  private scheduled: ReturnType<typeof setImmediate> | null = null;
  /** The last batch sent, settled once it (and so every batch before it) is done. */
  private last: Promise<void> = Promise.resolve();
  /** Messages written and not settled yet (queued here or in a batch being committed). */
  private unsettled = 0;
  private closed = false;

  constructor(writes: InboxWrites, onCommitted: CommitListener, options: BatchWriterOptions = {}) {
    this.writes = writes;
    this.onCommitted = onCommitted;
    this.stateToSave = options.stateToSave ?? (() => []);
    this.maxBatch = Math.max(1, options.maxBatch ?? DEFAULT_MAX_BATCH);
    this.onListenerError =
      options.onListenerError ?? ((error) => log.error('a listener of committed messages failed', error));
  }

  /** Resolves with the stored summary once committed, null when it was a duplicate; rejects if the batch failed. */
  write(message: NewMessage): Promise<MessageSummary | null> {
    if (this.closed) return Promise.reject(new Error('BatchWriter is closed; the message was not stored'));
    return new Promise<MessageSummary | null>((resolve, reject) => {
      this.unsettled++;
      this.queued.push(message);
      this.resolvers.push(resolve);
      this.rejecters.push(reject);
      if (this.queued.length >= this.maxBatch) this.commitQueued();
      else this.scheduled ??= setImmediate(this.commitOnTurnEnd);
    });
  }

  /** Commits everything queued now; rejects with the error if that transaction failed. */
  flush(): Promise<void> {
    this.commitQueued();
    return this.last;
  }

  /** Commits what is queued and refuses further writes. The writes stay open: their owner closes them. */
  close(): Promise<void> {
    this.closed = true;
    if (this.scheduled !== null) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    return this.flush();
  }

  private readonly commitOnTurnEnd = (): void => {
    this.scheduled = null;
    this.commitQueued();
  };

  /** Sends the queue as one batch; its promises settle (and the listener is told) once it is committed. */
  private commitQueued(): void {
    if (this.queued.length === 0) return;
    // Swap the queue out first: writes made from onCommitted or promise handlers start the next batch.
    const batch = this.queued;
    const resolvers = this.resolvers;
    const rejecters = this.rejecters;
    this.queued = [];
    this.resolvers = [];
    this.rejecters = [];

    let sent: Promise<BatchOutcome>;
    try {
      sent = this.writes.applyBatch(batch, this.stateToSave());
    } catch (caught) {
      sent = Promise.reject(caught instanceof Error ? caught : new Error(errorMessage(caught)));
    }
    this.last = sent.then(
      (outcome) => this.committed(batch, resolvers, outcome),
      (caught: unknown) => {
        this.unsettled -= rejecters.length;
        const error = caught instanceof Error ? caught : new Error(errorMessage(caught));
        for (const reject of rejecters) reject(error);
        throw error;
      },
    );
    // A failed batch is reported through its rejected write promises (and flush); not unhandled here.
    this.last.catch(() => {});
  }

  /** How many messages are written and not committed yet: a backlog still on its way to the inbox. */
  pending(): number {
    return this.unsettled;
  }

  private committed(batch: NewMessage[], resolvers: Settle[], outcome: BatchOutcome): void {
    this.unsettled -= batch.length;
    const { results, ...effects } = outcome;
    const inserted: MessageSummary[] = [];
    const insertedFrom: NewMessage[] = [];
    for (let i = 0; i < results.length; i++) {
      const summary = results[i] ?? null;
      if (summary !== null) {
        inserted.push(summary);
        insertedFrom.push(batch[i]!);
      }
      resolvers[i]!(summary);
    }
    if (inserted.length > 0 || effects.removedIds.length > 0 || effects.readIds.length > 0) {
      try {
        this.onCommitted(inserted, effects, insertedFrom);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
