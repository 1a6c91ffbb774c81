// Regular update checks: while the setting is on, one at start (or when it is turned on) and one every 24 hours;
// while it is off, none, so Herald makes no network call of its own. "Check now" runs one either way. The last
// outcome is kept for the Settings page and announced with `updates.changed`.
import type { UpdateCheck, UpdateSettings, UpdatesView } from '../../../shared/commands/updates.ts';
import { logger } from '../logging/logger.ts';
import { checkForUpdate } from './update-check.ts';

export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

export interface UpdateServiceOptions {
  settings: () => UpdateSettings;
  /** The running version; a check without one reports that it cannot compare. */
  version?: string;
  onChange: (view: UpdatesView) => void;
  intervalMs?: number;
  timeoutMs?: number;
}

export class UpdateService {
  private readonly options: UpdateServiceOptions;
  private last: UpdateCheck | null = null;
  private running: Promise<UpdateCheck> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(options: UpdateServiceOptions) {
    this.options = options;
  }

  view(): UpdatesView {
    return { settings: this.options.settings(), last: this.last, checking: this.running !== null };
  }

  /** The newer version the last check found, for the tray and the app's banner; null when there is none. */
  available(): { version: string; releaseUrl?: string } | null {
    const last = this.last;
    if (!last?.newer || !last.latest) return null;
    return { version: last.latest, ...(last.releaseUrl ? { releaseUrl: last.releaseUrl } : {}) };
  }

  /**
   * Follows the settings: turned on, checks at once and then every 24 hours; turned off, stops. A new feed URL
   * while on is checked at once.
   */
  settingsChanged(before?: UpdateSettings): void {
    if (this.stopped) return;
    const now = this.options.settings();
    if (!now.check) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? CHECK_EVERY_MS);
      // A pending check must not keep a stopping process alive.
      this.timer.unref();
    } else if (before?.check && before.feedUrl === now.feedUrl) {
      return;
    }
    void this.check();
  }

  /** One check now; a check already under way is joined rather than doubled. */
  check(): Promise<UpdateCheck> {
    if (this.running) return this.running;
    const run = checkForUpdate({
      feedUrl: this.options.settings().feedUrl,
      current: this.options.version ?? 'unknown',
      timeoutMs: this.options.timeoutMs,
    }).then((result) => {
      if (result.error) logger('updates').warn(`update check failed: ${result.error}`);
      else if (result.newer) logger('updates').info(`Herald ${result.latest} is available (running ${result.current})`);
      if (!this.stopped) this.last = result;
      return result;
    });
    this.running = run;
    this.announce();
    const done = () => {
      this.running = null;
      this.announce();
    };
    run.then(done, done);
    return run;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private announce(): void {
    if (!this.stopped) this.options.onChange(this.view());
  }
}
