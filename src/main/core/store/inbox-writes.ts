// Every write to the inbox, as one list of operations: MessageStore performs them synchronously on its own
// connection; the core reaches them through InboxWrites, which runs them in the writer worker
// (writer/worker-writes.ts) so SQLite and the search index never hold up the main loop. Tests and tools that
// need no worker wrap a store in StoreWrites. Reads stay synchronous on a connection of their own.
import type { NewMessage } from '../messages.ts';
import type { ListFilters } from './message-reads.ts';
import type { BatchOutcome, InboxCounts } from './message-writes.ts';
import type { StateEntry } from './source-state.ts';

/** The writes, as MessageStore performs them (one transaction each). */
export interface InboxWriteOps {
  applyBatch(messages: readonly NewMessage[], state?: readonly StateEntry[]): BatchOutcome;
  markRead(ids: readonly number[]): number[];
  markUnread(ids: readonly number[]): number[];
  markAllRead(): number;
  markReadStep(filters: ListFilters, before: number, limit: number): { marked: number[]; next: number | null };
  pin(ids: readonly number[], pinned: boolean): number[];
  delete(ids: readonly number[]): number[];
  indexSearchStep(limit?: number): number;
  putInflight(sourceId: string, messageId: number, packet: Uint8Array): void;
}

export type WriteOp = keyof InboxWriteOps;

/** The operations by name, for a boundary (the worker's) that must refuse anything else. */
export const WRITE_OPS: readonly WriteOp[] = [
  'applyBatch',
  'markRead',
  'markUnread',
  'markAllRead',
  'markReadStep',
  'pin',
  'delete',
  'indexSearchStep',
  'putInflight',
] satisfies readonly WriteOp[];

type Async<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never };

/** The writes as the core uses them: each settles once its transaction committed (or failed). */
export interface InboxWrites extends Async<InboxWriteOps> {
  /** Unread and total as of the last write that settled (O(1), for the badge). */
  counts(): InboxCounts;
  /** Settles once everything asked so far is done; no writes after it. */
  close(): Promise<void>;
}

/** InboxWrites on a store in this thread (for tests and tools); the store stays open for its owner. */
export class StoreWrites implements InboxWrites {
  private readonly store: InboxWriteOps & { counts(): InboxCounts };

  constructor(store: InboxWriteOps & { counts(): InboxCounts }) {
    this.store = store;
  }

  counts(): InboxCounts {
    return this.store.counts();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  applyBatch = this.run('applyBatch');
  markRead = this.run('markRead');
  markUnread = this.run('markUnread');
  markAllRead = this.run('markAllRead');
  markReadStep = this.run('markReadStep');
  pin = this.run('pin');
  delete = this.run('delete');
  indexSearchStep = this.run('indexSearchStep');
  putInflight = this.run('putInflight');

  private run<K extends WriteOp>(op: K): InboxWrites[K] {
    const call = (...args: unknown[]) => {
      try {
        return Promise.resolve((this.store[op] as (...a: unknown[]) => unknown)(...args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
    return call as unknown as InboxWrites[K];
  }
}
