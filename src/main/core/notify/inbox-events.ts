// Turns a stream of committed messages into a few 'inbox.changed' events: the UI gets one update per tick,
// never one IPC message per MQTT message.
import { MAX_PUSHED_SUMMARIES, type EventPayload } from '../../../shared/contract.ts';
import type { MessageSummary } from '../../../shared/model.ts';

/** Read-state changes: ids marked read or unread, or every message read. */
export interface ReadChange {
  readIds?: number[];
  unreadIds?: number[];
  allRead?: boolean;
}

export interface InboxEventsOptions {
  intervalMs?: number;
  counts: () => { unread: number; total: number };
  emit: (payload: EventPayload<'inbox.changed'>) => void;
}

export class InboxEvents {
  private readonly options: InboxEventsOptions;
  /** Newest last; trimmed to what one event can carry. */
  private added: MessageSummary[] = [];
  private addedCount = 0;
  private removedIds: number[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(options: InboxEventsOptions) {
    this.options = options;
  }

  add(messages: MessageSummary[], removedIds: number[] = []): void {
    for (const id of removedIds) this.removedIds.push(id);
    this.addedCount += messages.length;
    for (const message of messages) this.added.push(message);
    if (this.added.length > MAX_PUSHED_SUMMARIES * 2) this.added = this.added.slice(-MAX_PUSHED_SUMMARIES);
    this.timer ??= setTimeout(() => this.flush(), this.options.intervalMs ?? 100);
  }

  /** Read-state changes go out at once (the user is waiting for them), with any pending additions. */
  readChanged(change: ReadChange): void {
    this.flush(change);
  }

  flush(change: ReadChange = {}): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const added = this.added.slice(-MAX_PUSHED_SUMMARIES).reverse();
    const addedCount = this.addedCount;
    const removedIds = this.removedIds;
    this.added = [];
    this.addedCount = 0;
    this.removedIds = [];
    if (addedCount === 0 && removedIds.length === 0 && !change.readIds && !change.unreadIds && !change.allRead) return;
    this.options.emit({
      added,
      addedCount,
      ...(removedIds.length ? { removedIds } : {}),
      ...change,
      ...this.options.counts(),
    });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
