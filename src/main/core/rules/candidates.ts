// Which rules could fit a message, in document order, without looking at most of them: each enabled rule is
// filed under its most selective cheap condition. A topic filter goes into the topic trie; a rule without one
// but with a source goes under that source; then a rule with words goes under its words (found for every rule
// in one pass over the text), and a rule with a regex under a text every match of it contains (found in the
// same pass); what is left goes under the priorities its priority condition accepts. Only the
// rules in the lists a message hits are evaluated, so 1,000 rules cost a message about as much as the few
// that concern it. A rule in a list may still not fit: every condition is checked when it is evaluated.
import { comparePriority, type CompiledRule } from './compiled-rule.ts';
import { mergeAscending, TopicIndex } from './topic-index.ts';
import type { WordMatcher } from './word-matcher.ts';

const NONE: readonly number[] = Object.freeze([]);

/** What the index needs of a message. */
export interface CandidateQuery {
  topic: string;
  sourceId: string;
  sourceName: string;
  /** Also look the source name up as a topic (WebSocket and SSE sources). */
  nameAsTopic: boolean;
  priority: number;
  /** Searches the message's text for every rule word (once; later calls do nothing). */
  scanWords(): void;
  /** Set by candidates(): what is cached with the message's topic (the caller may keep more in it). */
  topicCache: TopicCache | null;
}

/**
 * What is cached with a topic: per priority slot (0 for a priority outside 1..5), the topic's rules merged with
 * the priority's and the source's, for the source they were merged for; and the state key of the last source
 * seen on it. A topic heard from another source recomputes (most topics only ever come from one).
 */
export interface TopicCache {
  sourceId: string;
  sourceName: string;
  lists: (readonly number[] | undefined)[];
  keyTopic: string | null;
  keySourceId: string | null;
  key: string | null;
}

export class CandidateIndex {
  readonly #topics = new TopicIndex<TopicCache>();
  readonly #bySource = new Map<string, number[]>();
  /** By word id: rules filed under their words (ascending, each rule once). */
  readonly #byWord: number[][] = [];
  /** By priority 1..5: the remaining rules whose priority condition accepts it (or that have none). */
  readonly #byPriority: number[][] = [[], [], [], [], [], []];
  /** All the remaining rules, for a priority outside 1..5. */
  readonly #rest: number[] = [];
  readonly #words: WordMatcher;
  readonly #rules: readonly CompiledRule[];

  /** `rules` in document order; the words of their word lists already added to `words`. */
  constructor(rules: readonly CompiledRule[], words: WordMatcher) {
    this.#words = words;
    this.#rules = rules;
    for (const rule of rules) {
      if (!rule.enabled) continue;
      if (rule.topic !== undefined) this.#topics.add(rule.topic, rule.index);
      else if (rule.source !== undefined) listIn(this.#bySource, rule.source).push(rule.index);
      else if (rule.words) {
        for (const word of rule.words) {
          const list = (this.#byWord[word.id] ??= []);
          if (list[list.length - 1] !== rule.index) list.push(rule.index); // a word written twice files once
        }
      } else if (rule.regexWord !== null) {
        // A regex that cannot match without a certain text is filed under that text, as a word.
        const list = (this.#byWord[rule.regexWord] ??= []);
        if (list[list.length - 1] !== rule.index) list.push(rule.index);
      } else {
        this.#rest.push(rule.index);
        for (let priority = 1; priority <= 5; priority++) {
          const condition = rule.priorityCondition;
          if (!condition || comparePriority(priority, condition.op, condition.value)) {
            this.#byPriority[priority]!.push(rule.index);
          }
        }
      }
    }
  }

  /** Whether any rule is filed under its words: then wordRules() must be asked too. */
  get hasWordRules(): boolean {
    return this.#byWord.length > 0;
  }

  /**
   * The rules that could fit, ascending, except those filed under their words (see wordRules()). The list is
   * shared with the cache: do not change it.
   */
  candidates(query: CandidateQuery): readonly number[] {
    const priority = query.priority;
    const usual = Number.isInteger(priority) && priority >= 1 && priority <= 5;
    const byPriority = usual ? this.#byPriority[priority]! : this.#rest;
    const match = this.#topics.lookup(query.topic);
    let cache = match.derived;
    if (cache === undefined || cache.sourceId !== query.sourceId || cache.sourceName !== query.sourceName) {
      const lists: (readonly number[] | undefined)[] = [
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
      ];
      if (cache === undefined) {
        cache = {
          sourceId: query.sourceId,
          sourceName: query.sourceName,
          lists,
          keyTopic: null,
          keySourceId: null,
          key: null,
        };
        match.derived = cache;
      } else {
        cache.sourceId = query.sourceId;
        cache.sourceName = query.sourceName;
        cache.lists = lists;
      }
    }
    query.topicCache = cache;
    if (query.nameAsTopic && query.sourceName !== query.topic) {
      const byTopic = mergeAscending(match.rules, this.#topics.match(query.sourceName));
      return this.#withSource(mergeAscending(byTopic, byPriority), query);
    }
    // The topic's rules merged with the rules for the priority and the source's, cached with the topic, without
    // those that the source or (for a usual priority) the priority rules out.
    const slot = usual ? priority : 0;
    return (cache.lists[slot] ??= this.#fitting(
      this.#withSource(mergeAscending(match.rules, byPriority), query),
      query,
      usual,
    ));
  }

  #fitting(found: readonly number[], query: CandidateQuery, usual: boolean): readonly number[] {
    const rules = this.#rules;
    const fits = (index: number): boolean => {
      const rule = rules[index]!;
      if (rule.source !== undefined && rule.source !== query.sourceId && rule.source !== query.sourceName) return false;
      const condition = rule.priorityCondition;
      return !usual || !condition || comparePriority(query.priority, condition.op, condition.value);
    };
    return found.every(fits) ? found : found.filter(fits);
  }

  #withSource(found: readonly number[], query: CandidateQuery): readonly number[] {
    if (this.#bySource.size === 0) return found;
    found = mergeAscending(found, this.#bySource.get(query.sourceId) ?? NONE);
    if (query.sourceName !== query.sourceId)
      found = mergeAscending(found, this.#bySource.get(query.sourceName) ?? NONE);
    return found;
  }

  /** The rules filed under the words the message contains, ascending (scans the message for words). */
  wordRules(query: CandidateQuery): readonly number[] {
    if (this.#byWord.length === 0) return NONE;
    query.scanWords();
    const ids = this.#words.foundIds();
    const byWord = this.#byWord;
    let first: readonly number[] | undefined;
    let more = false;
    for (let i = 0; i < ids.length; i++) {
      const list = byWord[ids[i]!];
      if (list === undefined) continue;
      if (first === undefined) first = list;
      else {
        more = true;
        break;
      }
    }
    if (first === undefined) return NONE;
    if (!more) return first;
    const rules: number[] = [];
    for (const id of ids) {
      const list = byWord[id];
      if (list) for (const index of list) rules.push(index);
    }
    rules.sort((a, b) => a - b);
    let kept = 1;
    for (let i = 1; i < rules.length; i++) if (rules[i] !== rules[kept - 1]) rules[kept++] = rules[i]!;
    rules.length = kept;
    return rules;
  }
}

function listIn(map: Map<string, number[]>, key: string): number[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
