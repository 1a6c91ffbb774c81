// The small part of Home Assistant's Jinja templates that discovery configs use to read a state and build a
// command: `{{ value }}`, `{{ value_json.a.b }}`, `{{ value_json['a'][0] }}`, the variables HA gives some command
// templates (`{{ red }}`, `{{ position }}`), and the filters float, int,
// round(n), string, default(x), lower, upper and format (Python's %-formatting, as in HA's documented
// `{{ '%02x%02x%02x' | format(red, green, blue) }}`). Parsed by hand, never evaluated as code. Anything else
// (statements, arithmetic, other filters) is refused with a TemplateError that names it, so the entity shows
// why instead of a wrong value.

export class TemplateError extends Error {}

/** What a template can read: `value` (the payload text or command value) and `value_json` (parsed payload). */
export interface TemplateVariables {
  value: unknown;
  /** Parsed on first use; undefined when the payload is not JSON. */
  valueJson: () => unknown;
  /** Further variables a command template is given (a colour's `red`, `green`, `blue`; a cover's `position`). */
  names?: Readonly<Record<string, unknown>>;
}

type Token = { kind: 'name' | 'number' | 'string' | 'punct'; text: string; value?: unknown };

const MISSING = Symbol('missing');
type Value = unknown;

/** Renders a whole template: text outside `{{ }}` is kept, each expression replaced by its value. */
export function renderTemplate(template: string, variables: TemplateVariables): string {
  if (template.includes('{%') || template.includes('{#')) {
    throw new TemplateError('statements ({% %}) and comments are not supported');
  }
  let out = '';
  let rest = template;
  for (;;) {
    const start = rest.indexOf('{{');
    if (start === -1) return out + rest;
    const end = rest.indexOf('}}', start + 2);
    if (end === -1) throw new TemplateError('"{{" without "}}"');
    out += rest.slice(0, start) + text(evaluateExpression(rest.slice(start + 2, end), variables));
    rest = rest.slice(end + 2);
  }
}

/**
 * A template that is a single expression keeps its value's type (a number stays a number); a template with
 * text around expressions renders to text.
 */
export function evaluateTemplate(template: string, variables: TemplateVariables): Value {
  const trimmed = template.trim();
  const single = /^\{\{([\s\S]*)\}\}$/.exec(trimmed);
  if (single && !single[1]!.includes('}}') && !single[1]!.includes('{{')) {
    return evaluateExpression(single[1]!, variables);
  }
  return renderTemplate(template, variables);
}

function evaluateExpression(source: string, variables: TemplateVariables): Value {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const take = (text?: string): Token => {
    const token = tokens[at];
    if (!token || (text !== undefined && token.text !== text)) {
      throw new TemplateError(`expected ${text ?? 'more'} in "${source.trim()}"`);
    }
    at++;
    return token;
  };

  let value = primary(take(), variables, source);
  // Member access: .name, ['name'], [0]
  while (peek()?.text === '.' || peek()?.text === '[') {
    if (take().text === '.') {
      value = member(value, take().text);
    } else {
      const key = take();
      if (key.kind !== 'string' && key.kind !== 'number') throw new TemplateError(`unsupported index in "${source}"`);
      take(']');
      value = member(value, key.value);
    }
  }
  while (peek()?.text === '|') {
    take('|');
    const name = take().text;
    const args: Value[] = [];
    if (peek()?.text === '(') {
      take('(');
      while (peek()?.text !== ')') {
        // A variable (a colour's `red`) or a literal: what `format(red, green, blue)` needs.
        args.push(primary(take(), variables, source));
        if (peek()?.text === ',') take(',');
      }
      take(')');
    }
    value = applyFilter(name, value, args);
  }
  if (at < tokens.length) throw new TemplateError(`unsupported expression "${source.trim()}"`);
  if (value === MISSING) throw new TemplateError(`"${source.trim()}" has no value in this payload`);
  return value;
}

function primary(token: Token, variables: TemplateVariables, source: string): Value {
  if (token.kind === 'name') {
    if (token.text === 'value') return variables.value;
    if (token.text === 'value_json') {
      const parsed = variables.valueJson();
      if (parsed === undefined) throw new TemplateError('the payload is not JSON');
      return parsed;
    }
    if (variables.names && Object.hasOwn(variables.names, token.text)) return variables.names[token.text];
  }
  return literal(token, source);
}

function literal(token: Token, source: string): Value {
  if (token.kind === 'number' || token.kind === 'string') return token.value;
  if (token.kind === 'name' && (token.text === 'true' || token.text === 'True')) return true;
  if (token.kind === 'name' && (token.text === 'false' || token.text === 'False')) return false;
  if (token.kind === 'name' && (token.text === 'none' || token.text === 'None')) return null;
  throw new TemplateError(`unsupported "${token.text}" in "${source.trim()}"`);
}

function member(value: Value, key: unknown): Value {
  if (value === MISSING || value === null || typeof value !== 'object') return MISSING;
  if (Array.isArray(value)) return typeof key === 'number' && key in value ? value[key] : MISSING;
  const record = value as Record<string, unknown>;
  return typeof key === 'string' && Object.hasOwn(record, key) ? record[key] : MISSING;
}

function applyFilter(name: string, value: Value, args: Value[]): Value {
  switch (name) {
    case 'default':
      return value === MISSING || value === undefined ? (args[0] ?? '') : value;
    case 'float':
    case 'int': {
      const number = toNumber(value);
      if (number === null) {
        if (args.length > 0) return args[0];
        throw new TemplateError(`${describe(value)} is not a number (${name})`);
      }
      return name === 'int' ? Math.trunc(number) : number;
    }
    case 'round': {
      const number = toNumber(value);
      if (number === null) throw new TemplateError(`${describe(value)} is not a number (round)`);
      const digits = typeof args[0] === 'number' ? args[0] : 0;
      const factor = 10 ** digits;
      return Math.round(number * factor) / factor;
    }
    case 'string':
      return text(value);
    case 'lower':
      return text(value).toLowerCase();
    case 'upper':
      return text(value).toUpperCase();
    case 'format':
      return percentFormat(text(value), args);
    default:
      throw new TemplateError(`the filter "${name}" is not supported`);
  }
}

/** Python's `'%02x' % (n,)` for the conversions templates use: s, d/i, x/X, o, f/F, e/E, with flags, width, precision. */
function percentFormat(format: string, args: Value[]): string {
  let next = 0;
  const out = format.replace(
    /%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdixXofFeE%])/g,
    (_spec, flags: string, width, precision, type) => {
      if (type === '%') return '%';
      if (next >= args.length) throw new TemplateError(`format: not enough values for "${format}"`);
      const arg = args[next++];
      let body: string;
      if (type === 's') {
        body = text(arg);
        if (precision !== undefined) body = body.slice(0, Number(precision));
      } else {
        const number = toNumber(arg);
        if (number === null) throw new TemplateError(`${describe(arg)} is not a number (format %${type})`);
        const whole = Math.trunc(number);
        if (type === 'd' || type === 'i') body = String(Math.abs(whole));
        else if (type === 'x' || type === 'X' || type === 'o') {
          body = Math.abs(whole).toString(type === 'o' ? 8 : 16);
          if (type === 'X') body = body.toUpperCase();
        } else if (type === 'f' || type === 'F') body = Math.abs(number).toFixed(Number(precision ?? 6));
        else
          body = Math.abs(number)
            .toExponential(Number(precision ?? 6))
            .replace(/e([+-])(\d)$/, 'e$10$2');
        if (type === 'E') body = body.toUpperCase();
        const sign = number < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
        const size = Number(width || 0);
        if (flags.includes('0') && !flags.includes('-') && sign.length + body.length < size) {
          body = body.padStart(size - sign.length, '0');
        }
        body = sign + body;
      }
      const size = Number(width || 0);
      return flags.includes('-') ? body.padEnd(size) : body.padStart(size);
    },
  );
  if (next < args.length) throw new TemplateError(`format: more values than "${format}" takes`);
  return out;
}

function toNumber(value: Value): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value.trim());
    return Number.isFinite(number) ? number : null;
  }
  return null;
}

function describe(value: Value): string {
  return value === MISSING ? 'a missing value' : (JSON.stringify(value) ?? String(value));
}

/** Jinja's rendering: strings as they are, objects as JSON, true/false as Python spells them. */
function text(value: Value): string {
  if (value === MISSING) throw new TemplateError('a value is missing in this payload');
  if (typeof value === 'string') return value;
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(-?\d+(?:\.\d+)?)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([.[\]|(),]))/y;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match) throw new TemplateError(`unsupported "${source.slice(index).trim()}" in "${source.trim()}"`);
    index = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'name', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: 'number', text: match[2], value: Number(match[2]) });
    else if (match[3] !== undefined || match[4] !== undefined) {
      const raw = match[3] ?? match[4]!;
      tokens.push({ kind: 'string', text: raw, value: raw.replace(/\\(.)/g, '$1') });
    } else tokens.push({ kind: 'punct', text: match[5]! });
  }
  return tokens;
}

/** Template variables for a received payload: its text, and its JSON parsed lazily (once). */
export function payloadVariables(payload: string): TemplateVariables {
  let parsed: unknown;
  let done = false;
  return {
    value: payload,
    valueJson: () => {
      if (!done) {
        done = true;
        try {
          parsed = JSON.parse(payload);
        } catch {
          parsed = undefined;
        }
      }
      return parsed;
    },
  };
}
