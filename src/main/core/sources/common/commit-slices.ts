// A catch-up hands thousands of messages to the pipeline from one response (ntfy's since=, Gotify's pages).
// Handed over in one go they are decoded and committed in one task, which keeps the event loop from the tray,
// notifications and commands (a 5,000-message ntfy chunk held it for ~300 ms). So a catch-up waits for each
// slice's commit before it hands over the next: the pipeline commits at the end of the turn, so the loop turns
// once per slice, and the next slice is read only once the inbox has the last one.
import { StoreError } from './source.ts';

/** Messages handed to the pipeline per turn of the event loop while catching up. */
export const CATCH_UP_SLICE = 500;

export class CommitSlices {
  private readonly sliceSize: number;
  private slice: Promise<unknown>[] = [];

  constructor(sliceSize = CATCH_UP_SLICE) {
    this.sliceSize = Math.max(1, sliceSize);
  }

  /** Takes one message's commit; when the slice is full, resolves once all of its commits are done. */
  async add(commit: Promise<unknown>): Promise<void> {
    // Rejections are reported by the await below; this only keeps one that settles early from counting as unhandled.
    commit.catch(() => {});
    this.slice.push(commit);
    if (this.slice.length >= this.sliceSize) await this.settled();
  }

  /** Resolves once every commit handed over so far is done; a failed one is a StoreError. */
  async settled(): Promise<void> {
    const slice = this.slice;
    this.slice = [];
    try {
      await Promise.all(slice);
    } catch (err) {
      throw new StoreError(`a message could not be stored: ${(err as Error).message}`);
    }
  }
}
