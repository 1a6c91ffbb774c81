// One message being decided, with what is worked out from it at most once however many rules look: its local
// time, which words of the rules occur in it, its parsed body. Fields are read defensively: decide() takes
// whatever a caller passes and must not throw.
import type { CandidateQuery, TopicCache } from './candidates.ts';
import type { RuleSubject } from './decision.ts';
import type { LocalClock, LocalTime } from './local-time.ts';
import { Payload } from './payload-value.ts';
import { MAX_SCANNED_CHARS, type WordMatcher } from './word-matcher.ts';

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const cut = (value: string): string => (value.length > MAX_SCANNED_CHARS ? value.slice(0, MAX_SCANNED_CHARS) : value);

export class Evaluation implements CandidateQuery {
  readonly topic: string;
  /** The clock passed to decide(). */
  readonly now: number;
  readonly sourceId: string;
  readonly sourceName: string;
  readonly title: string;
  readonly body: string;
  readonly priority: number;
  readonly nameAsTopic: boolean;
  topicCache: TopicCache | null = null;
  readonly #engine: { clock: LocalClock; words: WordMatcher };
  #local: LocalTime | null = null;
  #scanned = false;
  #key: string | null = null;
  #payload: Payload | null = null;
  readonly #bodyKind: RuleSubject['bodyKind'];

  constructor(subject: RuleSubject, topic: string, now: number, engine: { clock: LocalClock; words: WordMatcher }) {
    this.topic = topic;
    this.now = now;
    this.#engine = engine;
    this.sourceId = text(subject.sourceId);
    this.sourceName = text(subject.sourceName);
    this.title = text(subject.title);
    this.body = text(subject.body);
    this.priority = typeof subject.priority === 'number' ? subject.priority : 3;
    this.nameAsTopic =
      subject.sourceKind === 'websocket' || subject.sourceKind === 'sse' || subject.sourceKind === 'http';
    this.#bodyKind = subject.bodyKind;
  }

  /** The key of this message's topic in per-topic state: source id and topic. */
  get key(): string {
    if (this.#key !== null) return this.#key;
    // Remembered with the topic, so that the per-topic state maps see the same (already hashed) key string.
    const cache = this.topicCache;
    if (cache !== null && cache.keyTopic === this.topic && cache.keySourceId === this.sourceId) {
      return (this.#key = cache.key!);
    }
    const key = `${this.sourceId}\u0000${this.topic}`;
    if (cache !== null) {
      cache.keyTopic = this.topic;
      cache.keySourceId = this.sourceId;
      cache.key = key;
    }
    return (this.#key = key);
  }

  get payload(): Payload {
    return (this.#payload ??= new Payload(this.body, this.#bodyKind));
  }

  local(): LocalTime {
    return (this.#local ??= this.#engine.clock.at(this.now));
  }

  scanWords(): void {
    if (this.#scanned) return;
    this.#engine.words.scan(this.title, this.body);
    this.#scanned = true;
  }

  found(id: number): boolean {
    this.scanWords();
    return this.#engine.words.found(id);
  }

  matches(regex: RegExp): boolean {
    try {
      return regex.test(cut(this.title)) || regex.test(cut(this.body));
    } catch {
      return false; // a pathological pattern can overflow the regex engine's stack
    }
  }
}
