// The rules engine: decides what one message deserves (notify, silent, read, drop) from a validated rules
// document. Pure: no I/O, no timers, the clock is passed in; its memory (`changed`, `for`, `limit`, drop counts)
// is exported as JSON so a restart keeps it. Built for 1,000 rules at 10k messages/s: rules are indexed by topic
// filter, every rule's words are found in one pass, the body is parsed at most once and only when a rule asks.
// docs/rules.md is the reference for what each field means.
import type { RulesDocument } from '../../../shared/rules/schema.ts';
import { CandidateIndex } from './candidates.ts';
import { compileRule, comparePriority, whenFits, type CompiledRule } from './compiled-rule.ts';
import { defaultDecision, type Decision, type RuleSubject } from './decision.ts';
import {
  EMPTY_RULES_STATE,
  exportRule,
  readRulesState,
  restoreTopics,
  TopicStates,
  topicCapacity,
  type RulesState,
  type TopicState,
} from './engine-state.ts';
import { Evaluation, text } from './evaluation.ts';
import { LocalClock } from './local-time.ts';
import { compareValue, MISSING, valueKey } from './payload-value.ts';
import { WordMatcher } from './word-matcher.ts';

export type { RulesState } from './engine-state.ts';

const NO_RULES: readonly number[] = Object.freeze([]);
/** Past every rule index. */
const END = Number.MAX_SAFE_INTEGER;

export interface RulesEngineOptions {
  /** IANA zone for `when` (days, time) and reasons; default the system's. An unknown zone falls back to it. */
  timeZone?: string;
  /** Per-source minimum priority for the default decision (default 1). */
  minPriority?: (sourceId: string) => number;
  /** Topics remembered per rule for `changed`, `for` and `limit` (default 10,000; least recently used go first). */
  maxTopicsPerRule?: number;
}

export class RulesEngine {
  /** The zone `when` and reasons use (the option, or the system's). */
  readonly timeZone: string;
  readonly #rules: CompiledRule[];
  /** Per rule (by index): its topics' state, for rules that keep any. */
  readonly #topics: (TopicStates | null)[];
  readonly #index: CandidateIndex;
  /** The last enabled rule that keeps value state; past it, nothing needs to see a decided message. */
  readonly #lastStateful: number;
  readonly #clock: LocalClock;
  readonly #words = new WordMatcher();
  readonly #context: { clock: LocalClock; words: WordMatcher };
  readonly #minPriority: (sourceId: string) => number;
  readonly #dropped: Map<string, number>;

  constructor(document: RulesDocument, options: RulesEngineOptions = {}, state?: RulesState) {
    this.#clock = new LocalClock(options.timeZone);
    this.timeZone = this.#clock.timeZone;
    this.#context = { clock: this.#clock, words: this.#words };
    this.#minPriority = options.minPriority ?? (() => 1);
    const saved = readRulesState(state ?? EMPTY_RULES_STATE);
    const keys = new Set<string>();
    this.#rules = document.rules.map((rule, index) => {
      let key = rule.name;
      for (let n = 2; keys.has(key); n++) key = `${rule.name} (${n})`;
      keys.add(key);
      return compileRule(rule, index, key, this.#words, this.#clock);
    });
    this.#words.build();
    let lastStateful = -1;
    this.#topics = this.#rules.map((rule) => {
      if (!rule.enabled) return null;
      if (rule.stateful) lastStateful = rule.index;
      if (!rule.stateful && !rule.limit) return null;
      const topics = new TopicStates(topicCapacity(rule, options.maxTopicsPerRule ?? 10_000));
      restoreTopics(rule, Object.hasOwn(saved.rules, rule.stateKey) ? saved.rules[rule.stateKey] : undefined, topics);
      return topics;
    });
    this.#lastStateful = lastStateful;
    this.#index = new CandidateIndex(this.#rules, this.#words);
    this.#dropped = new Map(Object.entries(saved.dropped));
  }

  /** What `subject` deserves at time `now` (ms since the epoch). Never throws. */
  decide(subject: RuleSubject, now: number): Decision {
    try {
      return this.#decide(subject, Number.isFinite(now) ? now : 0);
    } catch {
      return defaultDecision(typeof subject?.priority === 'number' ? subject.priority : 3, 1);
    }
  }

  /** JSON-serialisable state: pass it to the constructor (with the same or an edited document) to carry on. */
  exportState(): RulesState {
    const rules = this.#rules
      .filter((rule) => this.#topics[rule.index])
      .map((rule) => [rule.stateKey, exportRule(rule, this.#topics[rule.index]!)] as const);
    return { version: 1, rules: Object.fromEntries(rules), dropped: this.dropped() };
  }

  /** Messages dropped per rule name (restored state included). */
  dropped(): Record<string, number> {
    return Object.fromEntries(this.#dropped);
  }

  #decide(subject: RuleSubject, now: number): Decision {
    const message = new Evaluation(subject, text(subject.topic), now, this.#context);
    const index = this.#index;
    const listed = index.candidates(message);
    // The rules filed under words, merged in as the two ascending lists are walked.
    const worded = index.hasWordRules ? index.wordRules(message) : NO_RULES;
    const rules = this.#rules;
    const lastStateful = this.#lastStateful;
    let decision: Decision | null = null;
    let i = 0;
    let j = 0;
    for (;;) {
      const a = i < listed.length ? listed[i]! : END;
      const b = j < worded.length ? worded[j]! : END;
      let next: number;
      if (a <= b) {
        if (a === END) break;
        next = a;
        i++;
        if (a === b) j++;
      } else {
        next = b;
        j++;
      }
      if (decision === null) decision = this.#evaluate(rules[next]!, message);
      else if (next > lastStateful) break;
      else {
        // A rule with `changed` or `for` sees every message on its topics, whichever rule decides it.
        const rule = rules[next]!;
        if (rule.stateful && this.#filtersPass(rule, message)) this.#observe(rule, message);
      }
    }
    return decision ?? defaultDecision(message.priority, this.#minimumFor(message.sourceId));
  }

  /** The conditions that pick a rule's messages; `value` and `when` come after. */
  #filtersPass(rule: CompiledRule, message: Evaluation): boolean {
    if (rule.source !== undefined && rule.source !== message.sourceId && rule.source !== message.sourceName) {
      return false;
    }
    const condition = rule.priorityCondition;
    if (condition && !comparePriority(message.priority, condition.op, condition.value)) return false;
    if (rule.words && !anyFound(rule.words, message)) return false;
    if (rule.regex === null) return true;
    // The word scan rules out most messages before the regex has to run.
    return (rule.regexWord === null || message.found(rule.regexWord)) && message.matches(rule.regex);
  }

  #evaluate(rule: CompiledRule, message: Evaluation): Decision | null {
    if (!this.#filtersPass(rule, message)) return null;
    let state: TopicState | null = null;
    if (rule.stateful) {
      state = this.#topics[rule.index]!.touch(message.key);
      if (!this.#observe(rule, message, state)) return null;
    } else if (rule.value?.kind === 'compare') {
      const { path, op, literal } = rule.value;
      if (!compareValue(message.payload.at(path), op, literal)) return null;
    }
    if ((rule.days !== 0 || rule.time !== null) && !whenFits(rule, message.local())) return null;
    if (rule.forMs !== null && state) state.fired = true;
    return this.#act(rule, message, state);
  }

  /** Updates a stateful rule's memory of this topic; true when its value condition fits this message. */
  #observe(rule: CompiledRule, message: Evaluation, state = this.#topics[rule.index]!.touch(message.key)): boolean {
    const condition = rule.value!;
    const value = message.payload.at(condition.path);
    if (condition.kind === 'changed') {
      const key = valueKey(value);
      if (key === null) return false;
      const changed = state.last !== undefined && state.last !== key;
      state.last = key;
      return changed;
    }
    // A message without the value neither continues nor ends an episode.
    if (value === MISSING) return false;
    if (!compareValue(value, condition.op, condition.literal)) {
      state.since = undefined;
      state.fired = false;
      return false;
    }
    if (state.since === undefined || state.since > message.now) {
      state.since = message.now;
      state.fired = false;
    }
    return !state.fired && message.now - state.since >= rule.forMs!;
  }

  #act(rule: CompiledRule, message: Evaluation, state: TopicState | null): Decision {
    const now = message.now;
    const decision: Decision = {
      action: rule.action,
      rule: rule.name,
      reason: this.#reason(rule, message),
      priority: rule.priority ?? message.priority,
      notify: rule.action === 'notify',
      heldBack: 0,
    };
    // A snooze quiets a rule to silent; it never makes a read or drop rule louder.
    const snoozable = rule.action === 'notify' || rule.action === 'silent';
    if (snoozable && rule.snoozeUntil !== null && now < rule.snoozeUntil) {
      const { snoozeDate, snoozeClock } = rule.labels;
      const until = snoozeDate === message.local().date ? snoozeClock : `${snoozeDate} ${snoozeClock}`;
      return { ...decision, action: 'silent', notify: false, reason: `snoozed until ${until}` };
    }
    if (rule.action === 'notify' && rule.limit) {
      const topic = state ?? this.#topics[rule.index]!.touch(message.key);
      const start = now - rule.limit.windowMs;
      // The window is the last windowMs up to now; a timestamp after now means the clock went back: forget it.
      const sent = recent(topic.sent ?? [], start, now);
      if (sent.length < rule.limit.count) {
        sent.push(now);
        decision.heldBack = topic.heldBack;
        topic.heldBack = 0;
      } else {
        topic.heldBack++;
        decision.notify = false;
        decision.reason = rule.labels.limit;
      }
      topic.sent = sent;
    }
    if (rule.action === 'drop') this.#dropped.set(rule.name, (this.#dropped.get(rule.name) ?? 0) + 1);
    return decision;
  }

  /** The most specific thing that applied: when > value > text > priority > topic > source. */
  #reason(rule: CompiledRule, message: Evaluation): string | null {
    const labels = rule.labels;
    if (labels.when) return labels.when;
    if (labels.value) return labels.value;
    const words = rule.words;
    if (words !== null) {
      for (let i = 0; i < words.length; i++) if (message.found(words[i]!.id)) return `matched "${words[i]!.text}"`;
    }
    return labels.regex ?? labels.priority ?? labels.topic ?? labels.source;
  }

  #minimumFor(sourceId: string): number {
    try {
      const minimum = this.#minPriority(sourceId);
      return Number.isFinite(minimum) ? minimum : 1;
    } catch {
      return 1;
    }
  }
}

/** The times in (start, now], in place (the array is the topic's own: exported and restored as copies). */
function recent(times: number[], start: number, now: number): number[] {
  let kept = 0;
  for (let i = 0; i < times.length; i++) {
    const time = times[i]!;
    if (time > start && time <= now) times[kept++] = time;
  }
  times.length = kept;
  return times;
}

function anyFound(words: readonly { id: number }[], message: Evaluation): boolean {
  for (let i = 0; i < words.length; i++) if (message.found(words[i]!.id)) return true;
  return false;
}
