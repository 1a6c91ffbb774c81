// The life of every source's connection: connect, stay up, and when it drops, try again after a jittered
// backoff — forever, unless the server said the credentials are wrong. Sources only say what happened
// (opened, lost, refused); the loop owns the timing and the status the UI shows.
import type { SourceStatus } from '../../../../shared/model.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';

/** What one connection attempt reports back. Call at most one of lost/refused per attempt. */
export interface AttemptEvents {
  /** The connection is up (subscribed / stream open). */
  opened(): void;
  /** It failed or dropped for a reason that may pass: try again after the backoff. */
  lost(reason: string): void;
  /** The server refused us for good (bad credentials, forbidden): stop and show why. */
  refused(reason: string): void;
}

/** An attempt in progress; close() must end it without calling any of its events afterwards. */
export interface Attempt {
  close(): void | Promise<void>;
}

export interface ConnectionLoopOptions {
  connect: (events: AttemptEvents) => Attempt;
  onStatus: (status: SourceStatus) => void;
  backoff?: BackoffOptions;
}

export class ConnectionLoop {
  private readonly options: ConnectionLoopOptions;
  private readonly backoff: Backoff;
  private attempt: Attempt | null = null;
  private generation = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = true;
  private dropped = 0;
  private current: SourceStatus = { state: 'disabled', since: Date.now() };

  constructor(options: ConnectionLoopOptions) {
    this.options = options;
    this.backoff = new Backoff(options.backoff);
  }

  get status(): SourceStatus {
    return this.current;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.dial('connecting');
  }

  /** Drop the connection (if any) and dial again at once, with a fresh backoff. */
  reconnectNow(): void {
    if (this.stopped) return;
    this.backoff.reset();
    this.dial(
      this.current.state === 'connected' || this.current.state === 'reconnecting' ? 'reconnecting' : 'connecting',
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const attempt = this.attempt;
    this.attempt = null;
    this.setStatus({ state: 'disabled' });
    await attempt?.close();
  }

  /** Count messages the source had to drop (bounded queue, oversize frame, undecodable); shown in the status. */
  countDropped(count = 1): void {
    this.dropped += count;
    this.setStatus({ ...this.current });
  }

  private dial(state: 'connecting' | 'reconnecting'): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const previous = this.attempt;
    this.attempt = null;
    void previous?.close();
    const generation = ++this.generation;
    const current = () => generation === this.generation && !this.stopped;
    // While dialling again, the reason the last connection ended stays visible.
    this.setStatus({ state, error: state === 'reconnecting' ? this.current.error : undefined });
    this.attempt = this.options.connect({
      opened: () => {
        if (!current()) return;
        this.backoff.connected();
        this.setStatus({ state: 'connected' });
      },
      lost: (reason) => {
        if (!current()) return;
        this.scheduleRetry(reason);
      },
      refused: (reason) => {
        if (!current()) return;
        this.generation++;
        const attempt = this.attempt;
        this.attempt = null;
        void attempt?.close();
        this.setStatus({ state: 'error', error: reason });
      },
    });
  }

  private scheduleRetry(reason: string): void {
    const attempt = this.attempt;
    this.attempt = null;
    this.generation++;
    void attempt?.close();
    const delay = this.backoff.next();
    this.setStatus({ state: 'reconnecting', error: reason, retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.dial('reconnecting');
    }, delay);
  }

  private setStatus(next: Omit<SourceStatus, 'since' | 'dropped'>): void {
    const changedState = next.state !== this.current.state;
    this.current = {
      ...next,
      since: changedState ? Date.now() : this.current.since,
      ...(this.dropped ? { dropped: this.dropped } : {}),
    };
    this.options.onStatus(this.current);
  }
}

/** A Source whose connection life is a ConnectionLoop: a kind only says how one attempt connects. */
export abstract class LoopSource {
  protected readonly loop: ConnectionLoop;
  private readonly onStatus: (status: SourceStatus) => void;

  constructor(onStatus: (status: SourceStatus) => void, backoff?: BackoffOptions) {
    this.onStatus = onStatus;
    this.loop = new ConnectionLoop({
      connect: (events) => this.connect(events),
      onStatus: (status) => onStatus(this.shown(status)),
      backoff,
    });
  }

  protected abstract connect(events: AttemptEvents): Attempt;

  /** The status as the UI should see it; a kind may overlay what the connection alone does not tell. */
  protected shown(status: SourceStatus): SourceStatus {
    return status;
  }

  /** Report the status again after something `shown` depends on changed. */
  protected statusChanged(): void {
    this.onStatus(this.status);
  }

  get status(): SourceStatus {
    return this.shown(this.loop.status);
  }

  start(): void {
    this.loop.start();
  }

  /** Drop the connection and dial again now (OS resume, network change, user request), then catch up. */
  reconnectNow(): void {
    this.loop.reconnectNow();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
