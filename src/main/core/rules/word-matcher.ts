// Every rule's words in one automaton (Aho-Corasick over lowercase UTF-16 code units): one pass over a message's
// title and body finds every word of every rule at once, however many rules have word lists. A word is found as
// a substring, case-insensitively, so words in scripts without spaces work too ("温度" in "客厅温度 31°C").
// Built into a complete transition table over the words' characters (one array read per character of text,
// no failure links to follow, no lowercase copy of ASCII text); only an automaton too large for a table
// follows failure links as it scans.

/** Text beyond this many characters of a title or body is not searched (decode already caps payloads). */
export const MAX_SCANNED_CHARS = 1 << 20;
/** Beyond this many entries (states x character classes) the automaton follows failure links as it scans. */
const MAX_TABLE_ENTRIES = 1 << 22;

export class WordMatcher {
  readonly #ids = new Map<string, number>();
  /** Per state: code unit -> next state. State 0 is the root. */
  readonly #next: Map<number, number>[] = [new Map<number, number>()];
  #fail: Int32Array = new Int32Array(1);
  /** The root's transitions as a dense table (most characters of a text leave the automaton at its root). */
  #rootNext: Int32Array = new Int32Array(0);
  /**
   * The automaton as a complete transition table (failures followed at build time), when it is not too large:
   * per state, a row by character class (class 0 is every code unit that occurs in no word) of the next state's
   * row offset times 2, plus 1 when a word ends in that state.
   */
  #table: Int32Array | null = null;
  #classOf: Uint16Array = new Uint16Array(0);
  #width = 0;
  /** Per state: the word ids that end here (its own and those of its failure chain). */
  #out: number[][] = [[]];
  #seen = new Uint32Array(0);
  #generation = 0;
  /** The ids found by the last scan, in the order found. */
  #found: number[] = [];
  #built = false;

  /** The number of distinct words. */
  get size(): number {
    return this.#ids.size;
  }

  /** Registers a word (before build()); returns its id. The same word (case-insensitively) gets the same id. */
  add(word: string): number {
    const key = word.toLowerCase();
    const known = this.#ids.get(key);
    if (known !== undefined) return known;
    const id = this.#ids.size;
    this.#ids.set(key, id);
    let state = 0;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let next = this.#next[state]!.get(code);
      if (next === undefined) {
        next = this.#next.length;
        this.#next.push(new Map<number, number>());
        this.#out.push([]);
        this.#next[state]!.set(code, next);
      }
      state = next;
    }
    this.#out[state]!.push(id);
    this.#built = false;
    return id;
  }

  /** Links the automaton (breadth first: each state's failure is the longest proper suffix that is a state). */
  build(): void {
    const fail = new Int32Array(this.#next.length);
    const queue: number[] = [];
    for (const child of this.#next[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [code, child] of this.#next[state]!) {
        let f = fail[state]!;
        while (f !== 0 && !this.#next[f]!.has(code)) f = fail[f]!;
        const target = this.#next[f]!.get(code);
        fail[child] = target !== undefined && target !== child ? target : 0;
        const inherited = this.#out[fail[child]]!;
        if (inherited.length > 0) this.#out[child] = [...this.#out[child]!, ...inherited];
        queue.push(child);
      }
    }
    this.#fail = fail;
    this.#buildTable(queue);
    // Without a table, scanning follows failure links, and the root's transitions are read from a dense array.
    const rootNext = new Int32Array(this.#ids.size === 0 || this.#table !== null ? 0 : 0x10000);
    if (this.#table === null) for (const [code, child] of this.#next[0]!) rootNext[code] = child;
    this.#rootNext = rootNext;
    this.#seen = new Uint32Array(this.#ids.size);
    this.#generation = 0;
    this.#built = true;
  }

  /** Searches the texts; afterwards found(id) tells which words occur in any of them. */
  scan(title: string | null, body: string | null): void {
    if (!this.#built) this.build();
    this.#generation++;
    if (this.#generation === 0xffffffff) {
      this.#seen.fill(0);
      this.#generation = 1;
    }
    this.#found.length = 0;
    if (this.#ids.size === 0) return;
    if (title) this.#scanOne(title);
    if (body) this.#scanOne(body);
  }

  /** The complete transition table, from the states in breadth-first order (the root's children first). */
  #buildTable(order: readonly number[]): void {
    const codes: number[] = [];
    const classOf = new Uint16Array(0x10000);
    for (const transitions of this.#next) {
      for (const code of transitions.keys()) if (classOf[code] === 0) classOf[code] = codes.push(code);
    }
    // Uppercase ASCII takes its lowercase letter's class (words are lowercase, and so is a lowercased text).
    for (let code = 0x41; code <= 0x5a; code++) classOf[code] = classOf[code + 0x20]!;
    const width = codes.length + 1;
    const states = this.#next.length;
    this.#table = null;
    if (this.#ids.size === 0 || states * width > MAX_TABLE_ENTRIES) return;
    const table = new Int32Array(states * width);
    const fail = this.#fail;
    const cell = (target: number) => target * width * 2 + (this.#out[target]!.length > 0 ? 1 : 0);
    for (const [code, target] of this.#next[0]!) table[classOf[code]!] = cell(target);
    for (const state of order) {
      // A failure is shallower, so its row is complete already: start from it, then the state's own transitions.
      const row = state * width;
      const failRow = fail[state]! * width;
      table.copyWithin(row, failRow, failRow + width);
      for (const [code, target] of this.#next[state]!) table[row + classOf[code]!] = cell(target);
    }
    this.#table = table;
    this.#classOf = classOf;
    this.#width = width;
  }

  #scanOne(text: string): void {
    if (this.#table !== null) {
      this.#scanTable(text);
      return;
    }
    const lower = (text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text).toLowerCase();
    const next = this.#next;
    const rootNext = this.#rootNext;
    const fail = this.#fail;
    const out = this.#out;
    const seen = this.#seen;
    const generation = this.#generation;
    let state = 0;
    for (let i = 0; i < lower.length; i++) {
      const code = lower.charCodeAt(i);
      for (;;) {
        if (state === 0) {
          state = rootNext[code]!;
          break;
        }
        const target = next[state]!.get(code);
        if (target !== undefined) {
          state = target;
          break;
        }
        state = fail[state]!;
      }
      if (state === 0) continue;
      const ids = out[state]!;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        if (seen[id] !== generation) {
          seen[id] = generation;
          this.#found.push(id);
        }
      }
    }
  }

  /**
   * Scans with the table. ASCII is lowercased by the table itself (A-Z share a-z's classes), without a lowercase
   * copy; at the first other code unit the rest is scanned in text.toLowerCase(), whose start is the same ASCII
   * lowercased (ASCII lowercases the same wherever it stands), so the automaton carries on where it was.
   */
  #scanTable(text: string): void {
    const table = this.#table!;
    const classOf = this.#classOf;
    const length = Math.min(text.length, MAX_SCANNED_CHARS);
    let cell = 0;
    let i = 0;
    for (; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) break;
      cell = table[(cell >>> 1) + classOf[code]!]!;
      if ((cell & 1) !== 0) this.#record((cell >>> 1) / this.#width);
    }
    if (i === length) return;
    const lower = (text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text).toLowerCase();
    for (; i < lower.length; i++) {
      cell = table[(cell >>> 1) + classOf[lower.charCodeAt(i)]!]!;
      if ((cell & 1) !== 0) this.#record((cell >>> 1) / this.#width);
    }
  }

  #record(state: number): void {
    const ids = this.#out[state]!;
    const seen = this.#seen;
    const generation = this.#generation;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (seen[id] !== generation) {
        seen[id] = generation;
        this.#found.push(id);
      }
    }
  }

  /** The ids of the words the last scan() found (valid until the next scan). */
  foundIds(): readonly number[] {
    return this.#found;
  }

  /** Whether word `id` occurred in the texts of the last scan(). */
  found(id: number): boolean {
    return this.#generation !== 0 && this.#seen[id] === this.#generation;
  }
}
