// The rule form's values (strings as typed) to and from a rule, and the shared validator's problems placed
// next to the fields they are about. The form checks the whole document with the edited rule in place, so it
// refuses exactly what main would refuse, in the same words.
import {
  checkRulesDocument,
  describeRuleProblem,
  type RuleAction,
  type RuleInput,
  type RuleProblem,
  type RulesDocumentInput,
  type Weekday,
} from '../../shared/rules/schema.ts';
import { WEEK } from './rule-summary.ts';

export interface RuleFormValues {
  name: string;
  enabled: boolean;
  /** '' for any source. */
  source: string;
  topic: string;
  /** Words separated by commas, or one /regex/flags. */
  text: string;
  /** The match condition, ">=4". */
  matchPriority: string;
  value: string;
  days: Weekday[];
  time: string;
  for: string;
  action: RuleAction;
  /** '' keeps the message's priority; '1'..'5' overrides it. */
  priority: string;
  limit: string;
  /** A datetime-local value ("2026-05-01T14:30", local time); '' for none. */
  snoozeUntil: string;
  /** Kept as it was: temporary rules are made by the snooze buttons, not by this form. */
  temporary: boolean;
}

export type RuleFormField = Exclude<keyof RuleFormValues, 'temporary'>;
/** Problems by field; 'general' for those about the rule as a whole or about other rules. */
export type RuleFormErrors = Partial<Record<RuleFormField | 'general', string>>;

export function emptyRuleForm(): RuleFormValues {
  return {
    name: '',
    enabled: true,
    source: '',
    topic: '',
    text: '',
    matchPriority: '',
    value: '',
    days: [],
    time: '',
    for: '',
    action: 'silent',
    priority: '',
    limit: '',
    snoozeUntil: '',
    temporary: false,
  };
}

export function formFromRule(rule: RuleInput): RuleFormValues {
  const match = rule.match ?? {};
  return {
    name: rule.name,
    enabled: rule.enabled ?? true,
    source: match.source ?? '',
    topic: match.topic ?? '',
    text: match.text === undefined ? '' : typeof match.text === 'string' ? match.text : match.text.join(', '),
    matchPriority: match.priority ?? '',
    value: match.value ?? '',
    days: WEEK.filter((day) => rule.when?.days?.includes(day)),
    time: rule.when?.time ?? '',
    for: rule.for ?? '',
    action: rule.action,
    priority: rule.priority === undefined ? '' : String(rule.priority),
    limit: rule.limit ?? '',
    snoozeUntil: rule.snoozeUntil ? toLocalInput(rule.snoozeUntil) : '',
    temporary: rule.temporary ?? false,
  };
}

/** The rule the form describes; empty fields are left out. It may be invalid: validate it with the document. */
export function ruleFromForm(values: RuleFormValues): RuleInput {
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  const text = values.text.trim();
  const match = {
    source: optional(values.source),
    topic: optional(values.topic),
    text: text === '' ? undefined : text.startsWith('/') ? text : splitWords(text),
    priority: optional(values.matchPriority),
    value: optional(values.value),
  };
  const when = { days: values.days.length > 0 ? [...values.days] : undefined, time: optional(values.time) };
  return withoutUndefined({
    name: values.name,
    enabled: values.enabled,
    match: withoutUndefined(match),
    when: when.days || when.time ? withoutUndefined(when) : undefined,
    for: optional(values.for),
    action: values.action,
    priority: values.priority === '' ? undefined : Number(values.priority),
    limit: optional(values.limit),
    snoozeUntil: values.snoozeUntil === '' ? undefined : fromLocalInput(values.snoozeUntil),
    temporary: values.temporary || undefined,
  });
}

function splitWords(text: string): string[] {
  const words = text
    .split(',')
    .map((word) => word.trim())
    .filter(Boolean);
  // Only commas: let the schema say what is wrong rather than silently matching everything.
  return words.length > 0 ? words : [''];
}

function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** ISO time -> the value of a datetime-local input, in local time. */
export function toLocalInput(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A datetime-local value (local time) -> ISO with offset; unreadable input goes through for the schema to refuse. */
export function fromLocalInput(local: string): string {
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

/** The document with the edited rule in place (index null: a new rule, added last), and the rule's index. */
export function documentWith(
  rules: readonly RuleInput[],
  index: number | null,
  rule: RuleInput,
): { document: RulesDocumentInput; index: number } {
  const next = [...rules];
  const at = index ?? next.length;
  next.splice(at, index === null ? 0 : 1, rule);
  return { document: { version: 1, rules: next }, index: at };
}

const FIELD_OF: Record<string, RuleFormField> = {
  name: 'name',
  enabled: 'enabled',
  'match.source': 'source',
  'match.topic': 'topic',
  'match.text': 'text',
  'match.priority': 'matchPriority',
  'match.value': 'value',
  'when.days': 'days',
  'when.time': 'time',
  for: 'for',
  action: 'action',
  priority: 'priority',
  limit: 'limit',
  snoozeUntil: 'snoozeUntil',
  // "a temporary rule needs snoozeUntil": the field to fix is snoozeUntil.
  temporary: 'snoozeUntil',
};

/** Where a problem's field path ('when.time', 'match.text.2') shows in the form. */
export function formFieldOf(path: string): RuleFormField | 'general' {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const field = FIELD_OF[parts.slice(0, length).join('.')];
    if (field) return field;
  }
  return 'general';
}

/** Each problem next to its field (the first per field); problems elsewhere in the document go to 'general'. */
export function errorsFor(problems: readonly RuleProblem[], index: number): RuleFormErrors {
  const errors: RuleFormErrors = {};
  for (const problem of problems) {
    const key = problem.index === index ? formFieldOf(problem.field) : 'general';
    const text = key === 'general' && problem.index !== index ? describeRuleProblem(problem) : problem.reason;
    if (key === 'general' && errors.general) errors.general += `; ${text}`;
    else errors[key] ??= text;
  }
  return errors;
}

/** Validates the form's rule in its place in the document, with the shared checker. */
export function validateRuleForm(
  values: RuleFormValues,
  rules: readonly RuleInput[],
  index: number | null,
): { rule: RuleInput; index: number; errors: RuleFormErrors; ok: boolean } {
  const rule = ruleFromForm(values);
  const placed = documentWith(rules, index, rule);
  const check = checkRulesDocument(placed.document);
  return {
    rule,
    index: placed.index,
    errors: check.ok ? {} : errorsFor(check.problems, placed.index),
    ok: check.ok,
  };
}
