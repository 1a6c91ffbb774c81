// Pausing notifications: until turned back on, or for a while (the pause ends by itself and the UI is told).
// Kept in the settings, so a pause survives a restart; a timed pause that ended while Herald was off is over.

export interface PauseSettings {
  paused: boolean;
  pausedUntil?: number | undefined;
}

export interface PauseStateOptions {
  get: () => PauseSettings;
  set: (next: PauseSettings) => void;
  /** The pause started or ended (the UI shows it). */
  onChange: () => void;
  now?: () => number;
}

export class PauseState {
  private readonly options: PauseStateOptions;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;

  constructor(options: PauseStateOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.schedule();
  }

  paused(): boolean {
    const { paused, pausedUntil } = this.options.get();
    return paused || (pausedUntil !== undefined && pausedUntil > this.now());
  }

  /** What AppState shows. */
  view(): { paused: boolean; pausedUntil?: number } {
    const { pausedUntil } = this.options.get();
    const timed = pausedUntil !== undefined && pausedUntil > this.now();
    return { paused: this.paused(), ...(timed ? { pausedUntil } : {}) };
  }

  /** Pause until turned off (no `until`), pause until `until`, or resume. */
  set(paused: boolean, until?: number): void {
    this.options.set(
      paused && until !== undefined ? { paused: false, pausedUntil: until } : { paused, pausedUntil: undefined },
    );
    this.schedule();
    this.options.onChange();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.stop();
    const { pausedUntil } = this.options.get();
    if (pausedUntil === undefined) return;
    const left = pausedUntil - this.now();
    if (left <= 0) {
      this.options.set({ paused: false, pausedUntil: undefined });
      return;
    }
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.options.set({ paused: false, pausedUntil: undefined });
        this.options.onChange();
      },
      Math.min(left, 2 ** 31 - 1),
    );
    this.timer.unref();
  }
}
