// The messages between the core and the writer worker (inbox-writer-worker.ts) on their MessageChannel. Requests
// are answered in the order they were sent, each with the inbox counts as of that answer.
import type { MessagePort } from 'node:worker_threads';
import type { InboxCounts } from '../message-writes.ts';
import type { WriteOp } from '../inbox-writes.ts';

/** Batches waiting while a commit runs are joined into one transaction, up to this many messages. */
export const JOIN_LIMIT = 5_000;

export interface WriterData {
  file: string;
  port: MessagePort;
}

export type WriterRequest =
  | { id: number; op: WriteOp; args: unknown[] }
  /** pause: requests wait unanswered until resume (to show back-pressure); close: finish, close the file, exit. */
  | { control: 'pause' | 'resume' | 'close' };

export type WriterReply =
  | { ready: InboxCounts }
  /** The inbox could not be opened; the worker exits. */
  | { failed: string }
  | { id: number; ok: true; value: unknown; counts: InboxCounts }
  | { id: number; ok: false; error: string; counts: InboxCounts };

/**
 * How the worker answers a batch: the id each message was stored under (null: not stored), not the summaries,
 * which the core builds from the messages it sent (rows.ts summaryOf): a tenth of the bytes to copy back.
 */
export interface StoredIds {
  ids: (number | null)[];
  removedIds: number[];
  readIds: number[];
}
