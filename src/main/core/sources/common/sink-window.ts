// A bound on the messages a push source has handed to the pipeline but not yet seen committed. When the store
// falls behind, the source stops reading (TCP pushes back on the server) instead of piling up frames in memory.
import type { IncomingMessage, MessageSink } from './source.ts';

export const DEFAULT_MAX_PENDING = 1000;

export class SinkWindow {
  private readonly sink: MessageSink;
  private readonly maxPending: number;
  private readonly onFailure: (error: unknown, message: IncomingMessage) => void;
  private pending = 0;
  private waiters: (() => void)[] = [];

  constructor(
    sink: MessageSink,
    onFailure: (error: unknown, message: IncomingMessage) => void,
    maxPending = DEFAULT_MAX_PENDING,
  ) {
    this.sink = sink;
    this.onFailure = onFailure;
    this.maxPending = Math.max(1, maxPending);
  }

  /** True when the reader should pause until `room()` resolves. */
  get full(): boolean {
    return this.pending >= this.maxPending;
  }

  push(message: IncomingMessage): void {
    this.pending++;
    let sunk: Promise<unknown>;
    try {
      sunk = this.sink(message);
    } catch (error) {
      sunk = Promise.reject(error);
    }
    sunk.then(
      () => this.settled(),
      (error: unknown) => {
        this.settled();
        this.onFailure(error, message);
      },
    );
  }

  /** Resolves once the pending writes fell to half the bound (at once if there is room already). */
  room(): Promise<void> {
    if (this.pending <= this.maxPending / 2) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private settled(): void {
    this.pending--;
    if (this.pending <= this.maxPending / 2 && this.waiters.length) {
      for (const wake of this.waiters.splice(0)) wake();
    }
  }
}
