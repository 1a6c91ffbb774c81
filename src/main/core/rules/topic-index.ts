// Rules indexed by their topic filter: a trie over topic levels with `+` and `#` branches, so a message is
// checked only against the rules whose filter can match its topic, never against all of them. Answers are
// rule indices in ascending (document) order, cached per topic: a broker's traffic repeats a working set of
// topics. The cache is two generations of at most half the bound each: when the young one is full it becomes
// the old one and the old one is let go, so a topic explosion cannot grow it and nothing is ever deleted
// one key at a time (evicting a Map's oldest key, one at a time, slows down as deleted slots pile up).

interface TrieNode {
  children: Map<string, TrieNode> | null;
  plus: TrieNode | null;
  /** Rules whose filter ends at this node. */
  here: number[];
  /** Rules whose filter is this node followed by `#` (matching this level and everything below). */
  hash: number[];
}

const newNode = (): TrieNode => ({ children: null, plus: null, here: [], hash: [] });
const NONE: readonly number[] = Object.freeze([]);

/** A topic's matching rules, and room for what the caller derives from them, cached with them. */
export interface TopicMatch<D = unknown> {
  readonly rules: readonly number[];
  derived: D | undefined;
}

export class TopicIndex<D = unknown> {
  readonly #root = newNode();
  #young = new Map<string, TopicMatch<D>>();
  #old = new Map<string, TopicMatch<D>>();
  /** The answer for every topic while there are no filters (shared by all topics: `derived` too). */
  readonly #empty: TopicMatch<D> = { rules: NONE, derived: undefined };
  readonly #generationSize: number;
  #size = 0;

  /** `maxCached` bounds the topics cached; a working set above half of it would churn the generations. */
  constructor(maxCached = 65_536) {
    this.#generationSize = Math.max(1, Math.floor(maxCached / 2));
  }

  /** The number of filters added. */
  get size(): number {
    return this.#size;
  }

  /** Adds a valid MQTT filter (`a/+/c`, `a/#`, `#`) for rule `index`. */
  add(filter: string, index: number): void {
    let node = this.#root;
    const levels = filter.split('/');
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i]!;
      if (level === '#') {
        node.hash.push(index);
        this.#size++;
        this.#forget();
        return;
      }
      if (level === '+') {
        node = node.plus ??= newNode();
      } else {
        node.children ??= new Map();
        let child = node.children.get(level);
        if (!child) node.children.set(level, (child = newNode()));
        node = child;
      }
    }
    node.here.push(index);
    this.#size++;
    this.#forget();
  }

  #forget(): void {
    this.#young = new Map();
    this.#old = new Map();
  }

  /**
   * The rules whose filter matches `topic`, ascending. MQTT's rules: `+` is one level (an empty one too), `#`
   * the level it stands at and every level below (`a/#` matches `a`), and a wildcard in the first level does not
   * match a topic starting with `$` (`#` does not see `$SYS/...`).
   */
  match(topic: string): readonly number[] {
    return this.lookup(topic).rules;
  }

  /** As match(), with the cache entry itself. */
  lookup(topic: string): TopicMatch<D> {
    if (this.#size === 0) return this.#empty;
    const young = this.#young.get(topic);
    if (young !== undefined) return young;
    let result = this.#old.get(topic);
    if (result === undefined) {
      const found: number[] = [];
      walk(this.#root, topic.split('/'), 0, topic.startsWith('$'), found);
      const rules = found.length === 0 ? NONE : found.length === 1 ? found : found.sort((a, b) => a - b);
      result = { rules, derived: undefined };
    }
    if (this.#young.size >= this.#generationSize) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(topic, result);
    return result;
  }
}

function walk(node: TrieNode, levels: string[], depth: number, dollar: boolean, found: number[]): void {
  const wildcardsAllowed = depth > 0 || !dollar;
  if (wildcardsAllowed) for (const index of node.hash) found.push(index);
  if (depth === levels.length) {
    for (const index of node.here) found.push(index);
    return;
  }
  const child = node.children?.get(levels[depth]!);
  if (child) walk(child, levels, depth + 1, dollar, found);
  if (node.plus && wildcardsAllowed) walk(node.plus, levels, depth + 1, dollar, found);
}

/** Merges two ascending lists of indices into one, without duplicates. */
export function mergeAscending(a: readonly number[], b: readonly number[]): readonly number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x <= y) {
      merged.push(x);
      i++;
      if (x === y) j++;
    } else {
      merged.push(y);
      j++;
    }
  }
  return merged;
}
