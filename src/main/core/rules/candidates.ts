// Which rules could fit a message, in document order, without looking at most of them: each enabled rule is
// filed under its most selective cheap condition. A topic filter goes into the topic trie; a rule without one
// but with a source goes under that source; then a rule with words goes under its words (found for every rule
// in one pass over the text); what is left goes under the priorities its priority condition accepts. Only the
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
}

export class CandidateIndex {
  readonly #topics = new TopicIndex();
  readonly #bySource = new Map<string, number[]>();
  /** By word id: rules filed under their words. */
  readonly #byWord: number[][] = [];
  /** By priority 1..5: the remaining rules whose priority condition accepts it (or that have none). */
  readonly #byPriority: number[][] = [[], [], [], [], [], []];
  /** All the remaining rules, for a priority outside 1..5. */
  readonly #rest: number[] = [];
  readonly #words: WordMatcher;

  /** `rules` in document order; the words of their word lists already added to `words`. */
  constructor(rules: readonly CompiledRule[], words: WordMatcher) {
    this.#words = words;
    for (const rule of rules) {
      if (!rule.enabled) continue;
      if (rule.topic !== undefined) this.#topics.add(rule.topic, rule.index);
      else if (rule.source !== undefined) listIn(this.#bySource, rule.source).push(rule.index);
      else if (rule.words) for (const word of rule.words) (this.#byWord[word.id] ??= []).push(rule.index);
      else {
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

  /** The rules that could fit, ascending. */
  candidates(query: CandidateQuery): readonly number[] {
    const priority = query.priority;
    const usual = Number.isInteger(priority) && priority >= 1 && priority <= 5;
    let found: readonly number[];
    if (query.nameAsTopic && query.sourceName !== query.topic) {
      const byTopic = mergeAscending(this.#topics.match(query.topic), this.#topics.match(query.sourceName));
      found = mergeAscending(byTopic, usual ? this.#byPriority[priority]! : this.#rest);
    } else {
      // The topic's rules merged with the rules for the priority, cached with the topic.
      const match = this.#topics.lookup(query.topic);
      const slot = usual ? priority : 0;
      found = match.derived[slot] ??= mergeAscending(match.rules, usual ? this.#byPriority[priority]! : this.#rest);
    }
    if (this.#bySource.size > 0) {
      found = mergeAscending(found, this.#bySource.get(query.sourceId) ?? NONE);
      if (query.sourceName !== query.sourceId) {
        found = mergeAscending(found, this.#bySource.get(query.sourceName) ?? NONE);
      }
    }
    if (this.#byWord.length > 0) found = mergeAscending(found, this.#wordRules(query));
    return found;
  }

  #wordRules(query: CandidateQuery): readonly number[] {
    query.scanWords();
    const ids = this.#words.foundIds();
    if (ids.length === 0) return NONE;
    const rules: number[] = [];
    for (const id of ids) {
      const list = this.#byWord[id];
      if (list) for (const index of list) rules.push(index);
    }
    if (rules.length < 2) return rules;
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
