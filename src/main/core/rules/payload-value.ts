// What `match.value` looks at: the payload as a value. `$` is the whole payload (the parsed JSON of a JSON body;
// for a text body, a number when the text is one, else the text), `$.a.b[0]` a path into a JSON body. The body
// is parsed at most once per message, and only when a rule asks. A path that is not there is MISSING: every
// condition on it is false.
import type { BodyKind } from '../../../shared/model.ts';
import { NUMERIC_TEXT, type Comparison, type Literal } from '../../../shared/rules/parse.ts';

export const MISSING: unique symbol = Symbol('missing');
/** A JSON value, as JSON.parse makes it. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** Values longer than this are remembered (for `changed`) by a hash, so state stays small. */
const MAX_REMEMBERED_CHARS = 128;

/** The payload of one message; parses a JSON body on first use. */
export class Payload {
  readonly #body: string;
  readonly #kind: BodyKind;
  #root: Value | typeof MISSING | undefined;

  constructor(body: string, kind: BodyKind) {
    this.#body = typeof body === 'string' ? body : '';
    this.#kind = kind;
  }

  /** `$`: the whole payload, or MISSING for a binary one (or a JSON body that does not parse). */
  root(): Value | typeof MISSING {
    if (this.#root === undefined) this.#root = this.#readRoot();
    return this.#root;
  }

  #readRoot(): Value | typeof MISSING {
    if (this.#kind === 'binary') return MISSING;
    if (this.#kind === 'json') {
      try {
        return JSON.parse(this.#body) as Value;
      } catch {
        return MISSING;
      }
    }
    return NUMERIC_TEXT.test(this.#body) ? Number(this.#body) : this.#body;
  }

  /** The value at `path` (keys after `$`), or MISSING. A text payload has no paths below `$`. */
  at(path: readonly string[]): Value | typeof MISSING {
    if (path.length > 0 && this.#kind !== 'json') return MISSING;
    let value = this.root();
    for (const key of path) value = child(value, key);
    return value;
  }
}

function child(value: Value | typeof MISSING, key: string): Value | typeof MISSING {
  if (Array.isArray(value)) {
    if (!/^\d+$/.test(key)) return MISSING;
    const index = Number(key);
    return index < value.length ? value[index]! : MISSING;
  }
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, key)) {
    return value[key]!;
  }
  return MISSING;
}

/** A number, or text that is one (" 21.5 "); null otherwise (booleans are not numbers). */
export function asNumber(value: Value): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return Number(value);
  return null;
}

/** Numbers, and booleans as JSON writes them, compared with a quoted literal as their text. */
function asText(value: Value): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function ordered<T extends number | string>(a: T, op: Comparison, b: T): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/**
 * `value op literal`. A number literal compares numerically (with a number, or text that is a number); a quoted
 * literal compares as text; true/false/null only with == and !=. Values that cannot be compared with the literal
 * (an object with a number, text that is no number...) are unequal and not ordered: only != holds. A MISSING
 * value fits nothing, != included.
 */
export function compareValue(value: Value | typeof MISSING, op: Comparison, literal: Literal): boolean {
  if (value === MISSING) return false;
  if (typeof literal === 'number') {
    const number = asNumber(value);
    return number === null ? op === '!=' : ordered(number, op, literal);
  }
  if (typeof literal === 'string') {
    const text = asText(value);
    return text === null ? op === '!=' : ordered(text, op, literal);
  }
  if (op === '==') return value === literal;
  if (op === '!=') return value !== literal;
  return false;
}

/** A short, JSON-safe key that is equal for equal values (for `changed`); MISSING has none. */
export function valueKey(value: Value | typeof MISSING): string | null {
  if (value === MISSING) return null;
  let key: string;
  if (typeof value === 'string') key = `s${value}`;
  else {
    try {
      key = `j${JSON.stringify(value) ?? 'null'}`;
    } catch {
      return null;
    }
  }
  return key.length <= MAX_REMEMBERED_CHARS ? key : `h${key.length}:${hash53(key)}`;
}

/** cyrb53: a fast 53-bit string hash (collisions are astronomically unlikely for a change check). */
export function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
