// App lifecycle for a tray app: one instance, closing the window keeps running, Quit stops the core cleanly.
import { app } from 'electron';
import { errorMessage } from '../../shared/error-message.ts';

/**
 * Returns false when another Herald already runs; that one is handed this start's command line (which may
 * carry a herald:// link) and shows its window.
 */
export function claimSingleInstance(onSecondInstance: (argv: readonly string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv: string[]) => onSecondInstance(argv));
  return true;
}

export interface QuitControl {
  isQuitting(): boolean;
}

/** How long Quit waits for the core (broker, sources, database) before leaving anyway. */
const STOP_TIMEOUT_MS = 5_000;

/**
 * Keeps the app alive with no window (it lives in the tray) and makes Quit wait for `stop()`: the first
 * before-quit is held back until the core has closed, then quit is called again and let through.
 */
export function manageQuit(stop: () => Promise<void>): QuitControl {
  let quitting = false;
  let stopped = false;
  let stopping = false;

  // A listener that does nothing replaces Electron's default "quit when the last window closes".
  app.on('window-all-closed', () => {});

  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void withTimeout(stop(), STOP_TIMEOUT_MS)
      .catch((err: unknown) => console.error(`[herald] stopping failed: ${errorMessage(err)}`))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });

  return { isQuitting: () => quitting };
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
