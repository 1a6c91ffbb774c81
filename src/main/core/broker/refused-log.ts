// Connections the broker refused or dropped, with the peer's address and the reason: the last few in memory for
// the UI (bounded, so a flood cannot grow it), each also written to the log.
import { logger } from '../logging/logger.ts';

export interface RefusedConnection {
  /** When (ms since the epoch). */
  at: number;
  address: string;
  reason: string;
}

const log = logger('broker');
/** How many refused connections are kept for the UI. */
export const REFUSED_KEPT = 100;
/** Lines written per minute; a flood is kept in memory (bounded) but must not flood the log too. */
const LOG_LINES_PER_MINUTE = 20;

export class RefusedLog {
  private readonly entries: RefusedConnection[] = [];
  private readonly capacity: number;
  private minute = 0;
  private linesThisMinute = 0;

  constructor(capacity = REFUSED_KEPT) {
    this.capacity = capacity;
  }

  /** Keeps (and logs) one refusal; returns it as kept. */
  add(address: string, reason: string): RefusedConnection {
    const entry = { at: Date.now(), address, reason };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
    const minute = Math.floor(Date.now() / 60_000);
    if (minute !== this.minute) [this.minute, this.linesThisMinute] = [minute, 0];
    this.linesThisMinute++;
    if (this.linesThisMinute <= LOG_LINES_PER_MINUTE) log.warn(`refused ${address}: ${reason}`);
    else if (this.linesThisMinute === LOG_LINES_PER_MINUTE + 1) {
      log.warn('more refused connections this minute are not logged; the broker info keeps the last ones');
    }
    return { ...entry };
  }

  /** Oldest first. */
  list(): RefusedConnection[] {
    return this.entries.map((entry) => ({ ...entry }));
  }
}
