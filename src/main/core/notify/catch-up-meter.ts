// How far a source is in draining what waited for it. After a (re)connect, a broker's queued session, ntfy's
// since= or Gotify's paging arrive as one rush; while it lasts the source's view says "catching up: 42,000". None
// of the protocols Herald speaks tells how many messages wait, so the count has no "of ~m".
import type { SourceView } from '../../../shared/model.ts';
import { CATCH_UP_IDLE_MS } from './notify-planner.ts';

/** A backlog shorter than this is over before anyone could read the line. */
export const CATCH_UP_SHOWN_FROM = 1_000;
/** How long after connecting the first message of the backlog may take (subscribing, the server's first page). */
const FIRST_MESSAGE_GRACE_MS = 5_000;
/** The count in the UI is refreshed at most this often while a rush lasts. */
const REFRESH_MS = 250;

interface Rush {
  received: number;
  lastAt: number;
  /** How long after lastAt the rush counts as over. */
  idleMs: number;
}

export class CatchUpMeter {
  private readonly onChange: () => void;
  private readonly now: () => number;
  private readonly states = new Map<string, SourceView['status']['state']>();
  private readonly rushes = new Map<string, Rush>();
  private lastRefresh = 0;
  private endTimer: NodeJS.Timeout | null = null;

  /** True while messages are still on their way to the inbox: a rush does not end during such a pause. */
  private readonly busy: () => boolean;

  constructor(onChange: () => void, now: () => number = Date.now, busy: () => boolean = () => false) {
    this.onChange = onChange;
    this.now = now;
    this.busy = busy;
  }

  /** Sources as they are now: one that just connected starts a rush. */
  saw(sources: readonly Pick<SourceView, 'id' | 'status'>[]): void {
    for (const { id, status } of sources) {
      const before = this.states.get(id);
      if (status.state === 'connected' && before !== 'connected') {
        this.rushes.set(id, { received: 0, lastAt: this.now(), idleMs: FIRST_MESSAGE_GRACE_MS });
      } else if (status.state !== 'connected') {
        this.rushes.delete(id);
      }
      this.states.set(id, status.state);
    }
  }

  /**
   * A batch was committed: the source of each stored message, in order. True while a long backlog is draining
   * (the core keeps notifications gathered into one summary until it is over).
   */
  committed(sourceIds: readonly string[]): boolean {
    if (this.rushes.size === 0) return false;
    const now = this.now();
    let showing = false;
    for (const id of sourceIds) {
      const rush = this.rushes.get(id);
      if (!rush) continue;
      if (now - rush.lastAt > rush.idleMs && !this.busy()) {
        this.end(id, rush);
        continue;
      }
      rush.received++;
      rush.lastAt = now;
      rush.idleMs = CATCH_UP_IDLE_MS;
      if (rush.received >= CATCH_UP_SHOWN_FROM) showing = true;
    }
    if (!showing) return false;
    this.endTimer ??= setTimeout(this.endIdle, CATCH_UP_IDLE_MS);
    if (now - this.lastRefresh >= REFRESH_MS) {
      this.lastRefresh = now;
      this.onChange();
    }
    return true;
  }

  /** Messages the source has brought since it connected, while that rush lasts and is long enough to show. */
  received(sourceId: string): number | undefined {
    const rush = this.rushes.get(sourceId);
    if (!rush || rush.received < CATCH_UP_SHOWN_FROM || this.now() - rush.lastAt > rush.idleMs) return undefined;
    return rush.received;
  }

  stop(): void {
    if (this.endTimer) clearTimeout(this.endTimer);
    this.endTimer = null;
    this.rushes.clear();
  }

  private readonly endIdle = (): void => {
    this.endTimer = null;
    const now = this.now();
    let open = false;
    for (const [id, rush] of this.rushes) {
      if (now - rush.lastAt >= rush.idleMs && !this.busy()) this.end(id, rush);
      else open = true;
    }
    if (open) this.endTimer = setTimeout(this.endIdle, CATCH_UP_IDLE_MS);
  };

  /** The rush is over: the count disappears (the view changes only if it was shown). */
  private end(id: string, rush: Rush): void {
    this.rushes.delete(id);
    if (rush.received >= CATCH_UP_SHOWN_FROM) this.onChange();
  }
}
