// The stages between a source and the UI, in the order a message passes them:
//   source -> sink -> decode -> rules (toNewMessage) -> store (BatchWriter, one transaction per turn, committed
//          by the writer worker off the main loop) -> onCommitted (badge counts, UI events, notifications)
// Every host (the app, `herald serve`) and every test harness builds its pipeline here, so they cannot drift.
// The rules decide before anything is written, so each message's decision is stored with it, in the same
// transaction; a dropped message is not stored, but its cursor and QoS 2 release still are.
import type { SourceKind } from '../../../shared/sources.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { CommittedMessage, IncomingMessage, MessageSink, NewMessage } from '../messages.ts';
import { BatchWriter, type BatchSideEffects } from '../store/batch-writer.ts';
import type { InboxWrites } from '../store/inbox-writes.ts';
import type { StateEntry } from '../store/message-store.ts';
import { toNewMessage, type RulesStage } from './to-new-message.ts';

export interface PipelineOptions {
  /** Where batches are committed: the writer worker in the core (StoreWrites on a store in tests). */
  writes: InboxWrites;
  /** The payload cap, read for every message so a settings change applies to the next one. */
  maxPayloadBytes: () => number;
  /** The rules in force now (read for every message, so a change applies to the next one); null: none. */
  rules?: () => RulesStage | null;
  /** Which kind a source is (rules match stream sources by name). */
  sourceKind?: (sourceId: string) => SourceKind | undefined;
  /** State to save in each batch's transaction (the rules' state). */
  stateToSave?: () => readonly StateEntry[];
  /** After each commit: what the batch stored (in order) with its decisions, and entries it removed or marked read. */
  onCommitted?: (committed: CommittedMessage[], effects: BatchSideEffects) => void;
  /**
   * True: the message is taken care of elsewhere (device state, an unchanged retained copy) and is not stored,
   * but like a message a rule dropped, its cursor and QoS 2 release still commit (and it is then acknowledged).
   */
  divert?: (message: IncomingMessage) => boolean;
  /**
   * Device traffic (state, availability, discovery): the device's name (or '' when it has none yet), null for
   * other messages. Device traffic stays out of the inbox unless a rule decides it (an alert such as "door open
   * for 5 min", or a rule that keeps a device's topic): the rules see it either way, so a rule's `for` and
   * `changed` follow the device's state. A message a rule keeps takes the device's name as its title.
   */
  device?: (message: IncomingMessage) => string | null;
  /**
   * Told of a message that was not diverted once it is committed (stored, a duplicate, or dropped by a rule);
   * only for the messages `wants` picks, so the rest cost no extra promise.
   */
  afterCommit?: { wants(message: IncomingMessage): boolean; committed(message: IncomingMessage): void };
  /** Commit early when this many messages are queued (BatchWriter's default otherwise). */
  maxBatch?: number;
  now?: () => number;
}

export interface Pipeline {
  /** The entry every source is given; resolves once the message is committed (null: a duplicate or dropped). */
  readonly sink: MessageSink;
  /** Commits what is queued and refuses further messages; the writes stay open for their owner to close. */
  close(): Promise<void>;
  /** Messages handed in and not committed yet. */
  pending(): number;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const onCommitted = options.onCommitted;
  const writer = new BatchWriter(
    options.writes,
    (summaries, effects, messages) => {
      if (!onCommitted) return;
      onCommitted(
        summaries.map((summary, i) => ({ summary, decision: messages[i]!.decision })),
        effects,
      );
    },
    { maxBatch: options.maxBatch, stateToSave: options.stateToSave },
  );
  const now = options.now ?? Date.now;
  const afterCommit = options.afterCommit;
  const sink: MessageSink = (message) => {
    try {
      const device = options.device?.(message) ?? null;
      if (device === null && options.divert?.(message)) return writer.write(diverted(message));
      let stored = toNewMessage(message, {
        maxBytes: options.maxPayloadBytes(),
        rules: options.rules?.() ?? null,
        sourceKind: options.sourceKind?.(message.sourceId),
        now: now(),
      });
      if (device !== null) {
        if (stored.decision.rule === null || stored.decision.action === 'drop') return writer.write(diverted(message));
        if (stored.title === null && device !== '') stored = { ...stored, title: device };
      }
      const written = writer.write(stored);
      if (!afterCommit?.wants(message)) return written;
      return written.then((result) => (afterCommit.committed(message), result));
    } catch (err) {
      // A stage that throws must not take the source's read loop down: the message is refused like a failed write.
      return Promise.reject(err instanceof Error ? err : new Error(errorMessage(err)));
    }
  };
  return { sink, close: () => writer.close(), pending: () => writer.pending() };
}

const DIVERTED = {
  action: 'drop',
  rule: null,
  reason: 'device state',
  priority: 1,
  notify: false,
  heldBack: 0,
} as const satisfies NewMessage['decision'];

/** A diverted message as the store sees it: its envelope (cursor, QoS 2 release), no content, dropped. */
function diverted(message: IncomingMessage): NewMessage {
  const { payload: _payload, fields: _fields, ...envelope } = message;
  return {
    ...envelope,
    title: null,
    preview: '',
    body: '',
    bodyKind: 'text',
    priority: 1,
    truncated: false,
    size: 0,
    raw: null,
    decision: DIVERTED,
  };
}
