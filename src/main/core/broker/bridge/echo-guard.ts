// Stops a message the bridge sent up from coming straight back down. An MQTT 3.1.1 broker delivers a client's
// own publications to it when it is subscribed to their topic (MQTT 5 has "no local", which the bridge uses
// there), so with a topic forwarded both ways every message would return once as a duplicate. The guard
// remembers what went up for a few seconds (topic and payload digest) and passes over one returning copy of it.
import { createHash } from 'node:crypto';

const KEEP_MS = 10_000;
/** Enough for a burst; past it the oldest are forgotten (at worst a duplicate reaches local subscribers). */
const MAX_ENTRIES = 20_000;

export class EchoGuard {
  /** key -> when it was last sent and how many copies may return; a Map keeps insertion order (oldest first). */
  private readonly sent = new Map<string, { at: number; count: number }>();

  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** A message sent up on `topic`, which the upstream broker may send back. */
  sentUp(topic: string, payload: Buffer): void {
    const key = keyOf(topic, payload);
    const count = (this.sent.get(key)?.count ?? 0) + 1;
    this.sent.delete(key);
    this.sent.set(key, { at: this.now(), count });
    if (this.sent.size > MAX_ENTRIES) this.sent.delete(this.sent.keys().next().value!);
  }

  /** True (once) when a message arriving from upstream is the return of one sent up. */
  isEcho(topic: string, payload: Buffer): boolean {
    if (this.sent.size === 0) return false;
    this.forgetOld();
    const key = keyOf(topic, payload);
    const entry = this.sent.get(key);
    if (!entry) return false;
    if (--entry.count === 0) this.sent.delete(key);
    return true;
  }

  private forgetOld(): void {
    const oldest = this.now() - KEEP_MS;
    for (const [key, { at }] of this.sent) {
      if (at >= oldest) break;
      this.sent.delete(key);
    }
  }
}

function keyOf(topic: string, payload: Buffer): string {
  // Short payloads (most sensor values) are their own key; longer ones a digest.
  const body = payload.length <= 64 ? payload.toString('base64') : createHash('sha1').update(payload).digest('base64');
  return `${topic}\u0000${payload.length}\u0000${body}`;
}
