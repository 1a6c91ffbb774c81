// JSON bodies as a tree of values, for the collapsible view: numbers keep the text they were sent as (a 64-bit
// id must not be shown or copied rounded), and each node can name its path the way rules write it.

/** A JSON number as sent: `12345678901234567890` stays exactly that. */
export class JsonNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };
export type PathKey = string | number;

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

/** The parsed body, or undefined when it is not JSON (a truncated body, for one). */
export function parseJson(text: string): JsonValue | undefined {
  const keepNumbers: Reviver = (_key, value, context) =>
    typeof value === 'number' ? new JsonNumber(context?.source ?? String(value)) : value;
  try {
    return JSON.parse(text, keepNumbers as Parameters<typeof JSON.parse>[1]) as JsonValue;
  } catch {
    return undefined;
  }
}

export function isContainer(value: JsonValue): value is JsonValue[] | { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !(value instanceof JsonNumber);
}

/** The children of an object or array as [key, value] pairs, in order. */
export function entriesOf(value: JsonValue[] | { [key: string]: JsonValue }): [PathKey, JsonValue][] {
  return Array.isArray(value) ? value.map((child, i) => [i, child]) : Object.entries(value);
}

const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

/**
 * `$.sensor.temp`, `$.list[0]`, `$["a b"]`: the path syntax of rule conditions (shared/rules/parse.ts), so a
 * copied path can be pasted into a rule as it is.
 */
export function jsonPath(keys: readonly PathKey[]): string {
  let path = '$';
  for (const key of keys) {
    if (typeof key === 'number') path += `[${key}]`;
    else if (IDENTIFIER.test(key)) path += `.${key}`;
    else if (key.includes('"') && !key.includes("'")) path += `['${key}']`;
    else path += `["${key}"]`;
  }
  return path;
}

type JsonWithRaw = typeof JSON & { rawJSON?: (text: string) => unknown };
const rawJSON = (JSON as JsonWithRaw).rawJSON;

/** What "copy value" puts on the clipboard: a string as itself, anything else as JSON with its numbers as sent. */
export function valueText(value: JsonValue, indent = 2): string {
  if (typeof value === 'string') return value;
  if (value instanceof JsonNumber) return value.text;
  return JSON.stringify(
    value,
    (_key, child: unknown) =>
      child instanceof JsonNumber ? (rawJSON ? rawJSON(child.text) : Number(child.text)) : child,
    indent,
  );
}

/** A short one-line form of a leaf value, as the tree shows it. */
export function leafText(value: JsonValue): string {
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value === 'boolean') return String(value);
  return valueText(value, 0);
}
