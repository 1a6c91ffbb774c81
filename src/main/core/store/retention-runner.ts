// Runs the retention rules in the background: for each rule, find its boundary (retention.ts), then delete
// what lies below it in small transactions (PURGE_STEP messages), yielding to the event loop between steps so
// ingest and the UI go on meanwhile. Runs at start, when the rules change, and every hour.
import type { PurgeProgress, RetentionRule } from '../../../shared/retention.ts';
import type { InboxWrites } from './inbox-writes.ts';
import type { MessageStore } from './message-store.ts';
import { PURGE_STEP, RANGE, type RetentionQueries } from './retention.ts';

export const RETENTION_EVERY_MS = 3_600_000;
/** Progress goes out as app state at most this often (and when a run ends). */
const PROGRESS_EVERY_MS = 500;

export interface RetentionRunnerOptions {
  /** Where the runner finds what to delete. */
  store: MessageStore;
  /** Where it deletes. */
  writes: Pick<InboxWrites, 'delete'>;
  rules: () => readonly RetentionRule[];
  /** Messages a step deleted (for the UI's list). */
  onRemoved: (ids: number[]) => void;
  /** The progress changed (see progress()). */
  onProgress: () => void;
  onError: (err: unknown) => void;
  /** Pause between steps; 0 yields to the event loop once (setImmediate). */
  pauseMs?: number;
  everyMs?: number;
  now?: () => number;
}

export class RetentionRunner {
  private readonly options: RetentionRunnerOptions;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private deleted = 0;
  private reported = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: RetentionRunnerOptions) {
    this.options = options;
  }

  /** While a purge runs: how far it is; null otherwise. */
  progress(): PurgeProgress | null {
    return this.running === null ? null : { deleted: this.deleted };
  }

  /** Runs the rules now (or right after the run under way); resolves when done. */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    this.deleted = 0;
    this.running = this.loop().finally(() => {
      this.running = null;
      this.options.onProgress();
      this.scheduleNext();
    });
    this.options.onProgress();
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private scheduleNext(): void {
    clearTimeout(this.timer);
    if (this.stopped || this.options.rules().length === 0) return;
    this.timer = setTimeout(() => void this.run(), this.options.everyMs ?? RETENTION_EVERY_MS);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      for (const rule of this.options.rules()) {
        if (this.stopped) return;
        try {
          await this.purge(rule);
        } catch (err) {
          this.options.onError(err);
        }
      }
    } while (this.again && !this.stopped);
  }

  private async purge(rule: RetentionRule): Promise<void> {
    const { store } = this.options;
    const boundary = await boundaryOf(store, rule, this.options.now?.() ?? Date.now(), this.pause);
    let from = store.oldestId();
    while (from < boundary && !this.stopped) {
      const to = Math.min(from + RANGE, boundary);
      const ids = store.retention.idsIn(rule, from, to, PURGE_STEP);
      if (ids.length > 0) {
        const removed = await this.options.writes.delete(ids);
        this.deleted += removed.length;
        if (removed.length > 0) this.options.onRemoved(removed);
        this.report();
      }
      from = ids.length === PURGE_STEP ? ids.at(-1)! + 1 : to;
      await this.pause();
    }
  }

  private report(): void {
    const now = Date.now();
    if (now - this.reported < PROGRESS_EVERY_MS) return;
    this.reported = now;
    this.options.onProgress();
  }

  private readonly pause = (): Promise<void> => {
    const ms = this.options.pauseMs ?? 0;
    return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
  };
}

/** The id below which a rule deletes (0: nothing), found in steps of RANGE ids with `pause` between them. */
export async function boundaryOf(
  store: MessageStore,
  rule: RetentionRule,
  now: number,
  pause: () => Promise<void>,
): Promise<number> {
  const queries = store.retention;
  const age = queries.ageBoundary(rule, now);
  if (rule.maxCount === undefined) return age;
  const newest = store.newestId();
  if (rule.maxCount === 0) return newest + 1;
  const oldest = store.oldestId();
  let seen = 0;
  for (let to = newest + 1; to > oldest; to -= RANGE) {
    const from = Math.max(oldest, to - RANGE);
    const n = queries.countIn(rule, from, to);
    if (seen + n >= rule.maxCount) {
      return Math.max(age, queries.nthNewestIn(rule, from, to, rule.maxCount - seen - 1) ?? 0);
    }
    seen += n;
    await pause();
  }
  return age;
}

/**
 * Whether a rule would delete every (unpinned) message it applies to, and then how many: such a rule must be
 * confirmed. Walks newest first to the first message the rule keeps, so a rule that keeps something is
 * answered in a step or two.
 */
export async function deletesEverything(
  store: MessageStore,
  rule: RetentionRule,
  now: number,
  pause: () => Promise<void>,
): Promise<number | null> {
  const boundary = await boundaryOf(store, rule, now, pause);
  if (boundary === 0) return null;
  const queries: RetentionQueries = store.retention;
  const oldest = store.oldestId();
  let count = 0;
  for (let to = store.newestId() + 1; to > oldest; to -= RANGE) {
    const from = Math.max(oldest, to - RANGE);
    if (to > boundary && queries.nthNewestIn(rule, Math.max(from, boundary), to, 0) !== undefined) return null;
    count += queries.countIn(rule, from, Math.min(to, boundary));
    await pause();
  }
  return count > 0 ? count : null;
}
