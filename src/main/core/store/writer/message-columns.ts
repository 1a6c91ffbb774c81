// How a batch of messages travels to the writer worker: one array per field instead of one object per message.
// Copying between threads writes every object's key names again; as columns a batch of short messages copies in
// about half the time (~5 -> ~2.5 µs per message on each side, measured on the drain's JSON messages), which
// the main loop pays for every message it hands over.
import type { NewMessage } from '../../messages.ts';
import type { Decision } from '../../rules/decision.ts';

type AssertNever<T extends never> = T;

/** Every field of a NewMessage but its decision, which travels as DECISION_FIELDS. */
const MESSAGE_FIELDS = [
  'sourceId',
  'sourceName',
  'topic',
  'receivedAt',
  'properties',
  'dedupeKey',
  'foldKey',
  'op',
  'cursor',
  'releaseInflight',
  'title',
  'preview',
  'body',
  'bodyKind',
  'priority',
  'truncated',
  'size',
  'raw',
  'externalId',
  'extras',
] as const satisfies readonly Exclude<keyof NewMessage, 'decision'>[];
const DECISION_FIELDS = [
  'action',
  'rule',
  'reason',
  'priority',
  'notify',
  'heldBack',
] as const satisfies readonly (keyof Decision)[];
/** Compile-time checks: a field added to NewMessage or Decision and not listed here would not reach the worker. */
export type EveryMessageField = AssertNever<Exclude<keyof NewMessage, (typeof MESSAGE_FIELDS)[number] | 'decision'>>;
export type EveryDecisionField = AssertNever<Exclude<keyof Decision, (typeof DECISION_FIELDS)[number]>>;

export interface MessageColumns {
  count: number;
  /** MESSAGE_FIELDS' columns, then DECISION_FIELDS'; a message without a field has undefined there. */
  columns: unknown[][];
}

export function toColumns(messages: readonly NewMessage[]): MessageColumns {
  const count = messages.length;
  const columns: unknown[][] = [];
  for (const field of MESSAGE_FIELDS) {
    const column = new Array<unknown>(count);
    for (let i = 0; i < count; i++) column[i] = messages[i]![field];
    columns.push(column);
  }
  for (const field of DECISION_FIELDS) {
    const column = new Array<unknown>(count);
    for (let i = 0; i < count; i++) column[i] = messages[i]!.decision[field];
    columns.push(column);
  }
  return { count, columns };
}

export function fromColumns({ count, columns }: MessageColumns): NewMessage[] {
  const messages = new Array<NewMessage>(count);
  const decisionAt = MESSAGE_FIELDS.length;
  for (let i = 0; i < count; i++) {
    const message: Record<string, unknown> = {};
    MESSAGE_FIELDS.forEach((field, f) => {
      const value = columns[f]![i];
      // Absent stays absent (not an own property holding undefined), as the message was sent.
      if (value !== undefined) message[field] = value;
    });
    const decision: Record<string, unknown> = {};
    DECISION_FIELDS.forEach((field, f) => (decision[field] = columns[decisionAt + f]![i]));
    message.decision = decision;
    messages[i] = message as unknown as NewMessage;
  }
  return messages;
}
