// Topics for the Publish panel's completion: the most recently seen per source, fed by what the pipeline
// commits and by what is published. Bounded and in memory, so completion never scans the inbox.
export const MAX_TOPICS_PER_SOURCE = 1000;
const MAX_SOURCES = 100;

export class TopicsSeen {
  private readonly bySource = new Map<string, Map<string, true>>();
  private readonly newest = new Map<string, string>();
  private readonly perSource: number;

  constructor(perSource = MAX_TOPICS_PER_SOURCE) {
    this.perSource = perSource;
  }

  add(sourceId: string, topic: string): void {
    if (topic === '') return;
    let topics = this.bySource.get(sourceId);
    if (!topics) {
      if (this.bySource.size >= MAX_SOURCES) {
        const oldest = this.bySource.keys().next().value!;
        this.bySource.delete(oldest);
        this.newest.delete(oldest);
      }
      topics = new Map();
      this.bySource.set(sourceId, topics);
    }
    // A stream on one topic (a backlog draining) is already the most recent: nothing to move.
    if (this.newest.get(sourceId) === topic) return;
    this.newest.set(sourceId, topic);
    // Re-inserting moves it to the end: a Map's order is the recency order.
    topics.delete(topic);
    topics.set(topic, true);
    if (topics.size > this.perSource) topics.delete(topics.keys().next().value!);
  }

  /** Most recent first; one source's or every source's (each topic once), starting with `prefix`. */
  query(options: { sourceId?: string; prefix: string; limit: number }): string[] {
    const lists = options.sourceId !== undefined ? [this.bySource.get(options.sourceId)] : [...this.bySource.values()];
    const found = new Set<string>();
    for (const topics of lists) {
      if (!topics) continue;
      for (const topic of [...topics.keys()].reverse()) {
        if (found.size >= options.limit) break;
        if (topic.startsWith(options.prefix)) found.add(topic);
      }
    }
    return [...found].slice(0, options.limit);
  }
}
