// The topics a source subscribes to for its devices, besides its own filters: the discovery filters, then the
// state and availability topics of every entity it announced. A running connection is told about new topics
// (batched per event-loop turn, so 10,000 announcements make one SUBSCRIBE, not 10,000). Topics the source's
// own filters already bring are left out. Topics are not unsubscribed when an entity goes: what still arrives
// on them is consumed as device traffic, never stored.
import type { StoredSource } from '../settings/schema.ts';
import type { ExtraTopics } from '../sources/common/source.ts';
import { discoveryFilters, discoveryOf } from './discovery-settings.ts';
import { coveredBy } from './topic-cover.ts';

export class DeviceTopics {
  private readonly source: (sourceId: string) => StoredSource | undefined;
  private readonly topics = new Map<string, Set<string>>();
  private readonly listeners = new Map<string, Set<(topics: string[]) => void>>();
  private readonly pending = new Map<string, string[]>();
  private timer: ReturnType<typeof setImmediate> | null = null;

  constructor(source: (sourceId: string) => StoredSource | undefined) {
    this.source = source;
  }

  add(sourceId: string, topic: string): void {
    let topics = this.topics.get(sourceId);
    if (!topics) this.topics.set(sourceId, (topics = new Set()));
    if (topics.has(topic)) return;
    topics.add(topic);
    const config = this.source(sourceId);
    if (config?.kind === 'mqtt' && coveredBy(config.topics, topic)) return;
    let pending = this.pending.get(sourceId);
    if (!pending) this.pending.set(sourceId, (pending = []));
    pending.push(topic);
    this.timer ??= setImmediate(() => this.flush());
  }

  forSource(sourceId: string): ExtraTopics {
    return {
      current: () => {
        const config = this.source(sourceId);
        const settings = discoveryOf(config);
        if (!settings || config?.kind !== 'mqtt') return [];
        const wanted = [...discoveryFilters(settings), ...(this.topics.get(sourceId) ?? [])];
        return wanted.filter((topic) => !coveredBy(config.topics, topic));
      },
      listen: (onAdded) => {
        let listeners = this.listeners.get(sourceId);
        if (!listeners) this.listeners.set(sourceId, (listeners = new Set()));
        listeners.add(onAdded);
        return () => listeners.delete(onAdded);
      },
    };
  }

  stop(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private flush(): void {
    this.timer = null;
    for (const [sourceId, topics] of this.pending) {
      for (const listener of this.listeners.get(sourceId) ?? []) listener(topics);
    }
    this.pending.clear();
  }
}
