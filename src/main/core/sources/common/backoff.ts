// Reconnect timing shared by every source: exponential with full jitter, so a building full of desktops does
// not hit a restarted broker in lockstep, and reset once a connection has stayed up for a while.

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** A connection that lasted this long counts as stable: the next failure starts from initialMs again. */
  stableMs?: number;
  random?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly stableMs: number;
  private readonly random: () => number;
  private attempt = 0;
  private connectedAt: number | null = null;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 500;
    this.maxMs = options.maxMs ?? 60_000;
    this.stableMs = options.stableMs ?? 60_000;
    this.random = options.random ?? Math.random;
  }

  /** The connection is up. */
  connected(now = Date.now()): void {
    this.connectedAt = now;
  }

  /** Delay before the next attempt: uniform in [0, min(max, initial * 2^attempt)]. */
  next(now = Date.now()): number {
    if (this.connectedAt !== null && now - this.connectedAt >= this.stableMs) this.attempt = 0;
    this.connectedAt = null;
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    // A floor keeps a server that closes every connection at once from being hammered in a tight loop.
    return Math.max(100, Math.round(this.random() * ceiling));
  }

  reset(): void {
    this.attempt = 0;
    this.connectedAt = null;
  }
}
