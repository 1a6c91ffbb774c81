// Runs the search backfill (search-backfill.ts) on a timer: one short transaction, then a pause, so ingest
// (which shares the connection and the event loop) and the UI are never held up for more than one step.
import type { MessageStore } from './message-store.ts';

export interface SearchIndexer {
  stop(): void;
}

export const INDEX_STEP_MESSAGES = 250;
export const INDEX_STEP_PAUSE_MS = 25;
/** Progress is reported at most this often (and once when done): it goes to every UI as app state. */
export const PROGRESS_EVERY_MS = 500;

export function startSearchIndexer(
  store: MessageStore,
  onProgress: () => void,
  onError: (err: unknown) => void,
  options: { step?: number; pauseMs?: number; progressEveryMs?: number } = {},
): SearchIndexer {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let reported = 0;
  const tick = () => {
    timer = undefined;
    if (stopped) return;
    let left: number;
    try {
      left = store.indexSearchStep(options.step ?? INDEX_STEP_MESSAGES);
    } catch (err) {
      onError(err);
      return;
    }
    const now = Date.now();
    if (left === 0 || now - reported >= (options.progressEveryMs ?? PROGRESS_EVERY_MS)) {
      reported = now;
      onProgress();
    }
    if (left > 0) schedule();
  };
  const schedule = () => {
    timer = setTimeout(tick, options.pauseMs ?? INDEX_STEP_PAUSE_MS);
    timer.unref();
  };
  if (store.searchIndexProgress() !== null) schedule();
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
