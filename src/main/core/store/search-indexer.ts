// Runs the search backfill (search-backfill.ts) on a timer: one short transaction in the writer, then a pause,
// so ingest (which shares the writer's connection) is never held up for more than one step.
import type { InboxWrites } from './inbox-writes.ts';

export interface SearchIndexer {
  stop(): void;
}

export const INDEX_STEP_MESSAGES = 250;
export const INDEX_STEP_PAUSE_MS = 25;
/** Progress is reported at most this often (and once when done): it goes to every UI as app state. */
export const PROGRESS_EVERY_MS = 500;

export function startSearchIndexer(
  /** Whether there is anything to index (MessageStore.searchIndexProgress). */
  pending: boolean,
  writes: Pick<InboxWrites, 'indexSearchStep'>,
  onProgress: () => void,
  onError: (err: unknown) => void,
  options: { step?: number; pauseMs?: number; progressEveryMs?: number } = {},
): SearchIndexer {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let reported = 0;
  const tick = async () => {
    timer = undefined;
    if (stopped) return;
    let left: number;
    try {
      left = await writes.indexSearchStep(options.step ?? INDEX_STEP_MESSAGES);
    } catch (err) {
      if (!stopped) onError(err);
      return;
    }
    if (stopped) return;
    const now = Date.now();
    if (left === 0 || now - reported >= (options.progressEveryMs ?? PROGRESS_EVERY_MS)) {
      reported = now;
      onProgress();
    }
    if (left > 0) schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => void tick(), options.pauseMs ?? INDEX_STEP_PAUSE_MS);
    timer.unref();
  };
  if (pending) schedule();
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
