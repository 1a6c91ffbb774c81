// A broker sends every retained message again on each new subscription: after every reconnect of a clean
// session, the same retained states would be stored again. This remembers, per source, a hash of the last
// payload stored for each topic that has a retained message, so a retained copy that is unchanged is left out.
// Bounded per source (the oldest topics are forgotten first) and saved with the batches, at most once a second,
// so a restart does not store them all again either.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from '../messages.ts';
import type { StateEntry } from '../store/message-store.ts';

export const MAX_RETAINED_TOPICS = 10_000;
const SAVE_INTERVAL_MS = 1000;
const KEY_PREFIX = 'retained:';

export interface RetainedMemoryOptions {
  /** The state saved for a key (the store's state table). */
  load: (key: string) => string | undefined;
  maxTopics?: number;
  now?: () => number;
}

export class RetainedMemory {
  private readonly options: RetainedMemoryOptions;
  private readonly bySource = new Map<string, Map<string, string>>();
  private readonly dirty = new Set<string>();
  private lastSave = 0;

  constructor(options: RetainedMemoryOptions) {
    this.options = options;
  }

  /** True when `message` is a retained copy of what was already stored for its topic. */
  unchanged(message: IncomingMessage): boolean {
    if (!message.payload || message.properties?.retain !== true) return false;
    return this.topics(message.sourceId).get(message.topic) === hashOf(message.payload);
  }

  /** Whether `remember` has anything to do: a retained message, or a live one on a topic known to be retained. */
  wants(message: IncomingMessage): boolean {
    if (!message.payload) return false;
    return message.properties?.retain === true || this.topics(message.sourceId).has(message.topic);
  }

  /** After a message `wants` picked was committed: its payload is what the topic holds now. */
  remember(message: IncomingMessage): void {
    if (!message.payload) return;
    const topics = this.topics(message.sourceId);
    const hash = hashOf(message.payload);
    if (topics.get(message.topic) === hash) return;
    topics.delete(message.topic);
    topics.set(message.topic, hash);
    const max = this.options.maxTopics ?? MAX_RETAINED_TOPICS;
    for (const oldest of topics.keys()) {
      if (topics.size <= max) break;
      topics.delete(oldest);
    }
    this.dirty.add(message.sourceId);
  }

  /** What to save with the next batch: changed sources, at most once a second (always when `force`). */
  stateToSave(force = false): StateEntry[] {
    const now = (this.options.now ?? Date.now)();
    if (this.dirty.size === 0 || (!force && now - this.lastSave < SAVE_INTERVAL_MS)) return [];
    this.lastSave = now;
    const entries = [...this.dirty].map((sourceId) => ({
      key: KEY_PREFIX + sourceId,
      value: JSON.stringify([...this.topics(sourceId)]),
    }));
    this.dirty.clear();
    return entries;
  }

  private topics(sourceId: string): Map<string, string> {
    let topics = this.bySource.get(sourceId);
    if (!topics) {
      topics = new Map(parse(this.options.load(KEY_PREFIX + sourceId)));
      this.bySource.set(sourceId, topics);
    }
    return topics;
  }
}

function hashOf(payload: Uint8Array): string {
  return createHash('sha1').update(payload).digest('base64');
}

function parse(saved: string | undefined): [string, string][] {
  if (saved === undefined) return [];
  try {
    const entries: unknown = JSON.parse(saved);
    return Array.isArray(entries)
      ? entries.filter(
          (e): e is [string, string] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string',
        )
      : [];
  } catch {
    return [];
  }
}
