// What the rules remember between messages, per rule and topic: the last value (`changed`), the episode of a
// `for` condition, a `limit`'s recent notifications and held-back count; and per rule name, the messages
// dropped. Bounded (least recently used topics are forgotten first) and exported as JSON so a restart keeps it.
// State read back is checked: a corrupt or foreign state is ignored, never trusted.
import { z } from 'zod';
import type { CompiledRule } from './compiled-rule.ts';

/** One rule's memory of one topic (of one source), as saved: only the fields in use. */
export interface SavedTopicState {
  /** `changed`: the key of the last value seen (see valueKey). */
  last?: string;
  /** `for`: when the current episode began (the condition has held on every message since). */
  since?: number;
  /** `for`: whether the rule already fired in this episode. */
  fired?: boolean;
  /** `limit`: when the notifications that passed in the current window were sent, oldest first. */
  sent?: number[];
  /** `limit`: notifications held back since the last one that passed. */
  heldBack?: number;
}

/** The same in memory, with every field always present (one object shape keeps property access fast). */
export class TopicState {
  last: string | undefined = undefined;
  since: number | undefined = undefined;
  fired = false;
  sent: number[] | undefined = undefined;
  heldBack = 0;

  saved(): SavedTopicState {
    return {
      ...(this.last !== undefined ? { last: this.last } : {}),
      ...(this.since !== undefined ? { since: this.since, fired: this.fired } : {}),
      ...(this.sent !== undefined ? { sent: [...this.sent] } : {}),
      ...(this.heldBack > 0 ? { heldBack: this.heldBack } : {}),
    };
  }
}

const TopicStateSchema = z.object({
  last: z.string().max(200).optional(),
  since: z.number().optional(),
  fired: z.boolean().optional(),
  sent: z.array(z.number()).max(100_000).optional(),
  heldBack: z.number().int().min(0).optional(),
});

const RuleStateSchema = z.object({
  /** The rule's conditions when the state was written; a part whose condition changed since is not restored. */
  value: z.string().nullable(),
  for: z.string().nullable(),
  limit: z.string().nullable(),
  /** [sourceId + "\u0000" + topic, state], least recently used first. */
  topics: z.array(z.tuple([z.string(), TopicStateSchema])),
});
export type RuleState = z.infer<typeof RuleStateSchema>;

export const RulesStateSchema = z.object({
  version: z.literal(1),
  /** By rule name ("name (2)" for a second rule of the same name). */
  rules: z.record(z.string(), z.unknown()),
  /** Messages dropped, by rule name; kept for names no longer in the document too. */
  dropped: z.record(z.string(), z.number().int().min(0)),
});

/** The engine's state as JSON: `exportState()` writes it, the constructor reads it back. */
export interface RulesState {
  version: 1;
  rules: Record<string, RuleState>;
  dropped: Record<string, number>;
}

export const EMPTY_RULES_STATE: RulesState = { version: 1, rules: {}, dropped: {} };

interface Entry {
  key: string;
  state: TopicState;
  older: Entry | null;
  newer: Entry | null;
}

/**
 * A rule's topics, least recently used first; past `capacity` the least recently used is forgotten. A linked
 * list through a Map, so touching and forgetting are O(1) (a Map alone would need delete-and-set to reorder,
 * and finding its oldest key slows down as deleted slots pile up at its front).
 */
export class TopicStates {
  readonly #map = new Map<string, Entry>();
  #oldest: Entry | null = null;
  #newest: Entry | null = null;
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
  }

  get size(): number {
    return this.#map.size;
  }

  /** The topic's state (created empty), now the most recently used. */
  touch(key: string): TopicState {
    let entry = this.#map.get(key);
    if (entry === undefined) {
      entry = { key, state: new TopicState(), older: null, newer: null };
      this.#map.set(key, entry);
      if (this.#map.size > this.capacity && this.#oldest) {
        this.#map.delete(this.#oldest.key);
        this.#unlink(this.#oldest);
      }
    } else if (entry === this.#newest) {
      return entry.state;
    } else {
      this.#unlink(entry);
    }
    entry.older = this.#newest;
    entry.newer = null;
    if (this.#newest) this.#newest.newer = entry;
    else this.#oldest = entry;
    this.#newest = entry;
    return entry.state;
  }

  #unlink(entry: Entry): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.#oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.#newest = entry.older;
    entry.older = entry.newer = null;
  }

  /** Copies of the states, least recently used first. */
  entries(): [string, SavedTopicState][] {
    const entries: [string, SavedTopicState][] = [];
    for (let entry = this.#oldest; entry; entry = entry.newer) entries.push([entry.key, entry.state.saved()]);
    return entries;
  }
}

/** How many topics a rule tracks: 10,000 by default, fewer for a limit that keeps many timestamps per topic. */
export function topicCapacity(rule: CompiledRule, maxTopicsPerRule: number): number {
  const perTopic = rule.limit ? rule.limit.count : 1;
  return Math.max(100, Math.min(maxTopicsPerRule, Math.floor(1_000_000 / perTopic)));
}

/** Reads a state written by exportState(); anything that does not fit the schema is dropped. */
export function readRulesState(input: unknown): RulesState {
  const parsed = RulesStateSchema.safeParse(input);
  if (!parsed.success) return { version: 1, rules: {}, dropped: {} };
  const rules = new Map<string, RuleState>();
  for (const [name, raw] of Object.entries(parsed.data.rules)) {
    const rule = RuleStateSchema.safeParse(raw);
    if (rule.success) rules.set(name, rule.data);
  }
  return {
    version: 1,
    rules: Object.fromEntries(rules),
    dropped: Object.fromEntries(Object.entries(parsed.data.dropped)),
  };
}

/** Fills a rule's topic states from its saved state, keeping only the parts whose condition is unchanged. */
export function restoreTopics(rule: CompiledRule, saved: RuleState | undefined, into: TopicStates): void {
  if (!saved) return;
  const keepValue = saved.value === rule.written.value && rule.value !== null;
  const keepFor = keepValue && saved.for === rule.written.for && rule.forMs !== null;
  const keepLimit = saved.limit === rule.written.limit && rule.limit !== null;
  if (!keepValue && !keepLimit) return;
  for (const [key, topic] of saved.topics.slice(-into.capacity)) {
    const state = into.touch(key);
    if (keepValue && rule.value?.kind === 'changed' && topic.last !== undefined) state.last = topic.last;
    if (keepFor && topic.since !== undefined) {
      state.since = topic.since;
      state.fired = topic.fired ?? false;
    }
    if (keepLimit && rule.limit) {
      if (topic.sent) state.sent = topic.sent.slice(-rule.limit.count);
      if (topic.heldBack) state.heldBack = topic.heldBack;
    }
  }
}

export function exportRule(rule: CompiledRule, topics: TopicStates): RuleState {
  return { ...rule.written, topics: topics.entries() };
}
