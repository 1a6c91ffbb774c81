// The rule form's three groups: which messages (match), when, and what to do with them.
import type { SourceView } from '../../shared/model.ts';
import { RULE_ACTIONS, type RuleAction, type Weekday } from '../../shared/rules/schema.ts';
import { SelectField, TextField } from '../sources/fields.tsx';
import type { RuleFormErrors, RuleFormField, RuleFormValues } from './rule-form.ts';
import { DAY_LABEL, WEEK } from './rule-summary.ts';

export interface FieldsProps {
  values: RuleFormValues;
  errors: RuleFormErrors;
  sources: readonly SourceView[];
  idFor(name: string): string;
  set<K extends RuleFormField>(key: K, value: RuleFormValues[K]): void;
}

export function MatchFields({ values, errors, sources, idFor, set }: FieldsProps) {
  // A rule may name a source that is gone, or by name: keep it selectable rather than silently dropping it.
  const known = sources.some((source) => source.id === values.source || source.name === values.source);
  const sourceOptions = [
    { value: '', label: 'Any source' },
    ...sources.map((source) => ({ value: source.id, label: source.name })),
    ...(values.source && !known ? [{ value: values.source, label: `${values.source} (not a current source)` }] : []),
  ];
  const sourceValue = sources.find((source) => source.name === values.source)?.id ?? values.source;
  return (
    <fieldset className="rule-group">
      <legend>Which messages</legend>
      <p className="hint">Leave a field empty to match anything. A message must fit every field that is set.</p>
      <div className="field-pair">
        <SelectField
          id={idFor('source')}
          label="Source"
          value={sourceValue}
          options={sourceOptions}
          error={errors.source}
          onChange={(v) => set('source', v)}
        />
        <TextField
          id={idFor('topic')}
          label="Topic"
          value={values.topic}
          error={errors.topic}
          placeholder="kitchen/+/temp"
          hint="An MQTT filter with + and #; also ntfy topics, Gotify apps and stream names."
          onChange={(v) => set('topic', v)}
        />
      </div>
      <TextField
        id={idFor('text')}
        label="Text"
        value={values.text}
        error={errors.text}
        placeholder="backup, failed"
        hint="Words separated by commas (any of them, case-insensitive), or a /regular expression/i; title and body."
        onChange={(v) => set('text', v)}
      />
      <div className="field-pair">
        <TextField
          id={idFor('matchPriority')}
          label="Priority"
          value={values.matchPriority}
          error={errors.matchPriority}
          placeholder=">=4"
          hint='">=4", "<3" or "5" (1-5).'
          onChange={(v) => set('matchPriority', v)}
        />
        <TextField
          id={idFor('value')}
          label="Value"
          value={values.value}
          error={errors.value}
          placeholder="$.temperature > 30"
          hint={`"$.temperature > 30", "$.state == 'open'", "$ >= 21.5" or "changed".`}
          onChange={(v) => set('value', v)}
        />
      </div>
    </fieldset>
  );
}

export function WhenFields({ values, errors, idFor, set }: FieldsProps) {
  const toggleDay = (day: Weekday, on: boolean) =>
    set(
      'days',
      WEEK.filter((d) => (d === day ? on : values.days.includes(d))),
    );
  return (
    <fieldset className="rule-group">
      <legend>When</legend>
      <fieldset
        className="rule-days"
        aria-describedby={errors.days ? idFor('days-error') : idFor('days-hint')}
        aria-invalid={errors.days ? true : undefined}
      >
        <legend>Days</legend>
        <div className="day-boxes">
          {WEEK.map((day) => (
            <label key={day} className="checkbox">
              <input
                type="checkbox"
                checked={values.days.includes(day)}
                onChange={(event) => toggleDay(day, event.target.checked)}
              />
              {DAY_LABEL[day]}
            </label>
          ))}
        </div>
        <span id={idFor('days-hint')} className="hint">
          None ticked: every day.
        </span>
        {errors.days && (
          <span id={idFor('days-error')} className="field-error">
            {errors.days}
          </span>
        )}
      </fieldset>
      <div className="field-pair">
        <TextField
          id={idFor('time')}
          label="Time"
          value={values.time}
          error={errors.time}
          placeholder="22:00-07:00"
          hint="Local time, 24-hour clock; may cross midnight. Empty: all day."
          onChange={(v) => set('time', v)}
        />
        <TextField
          id={idFor('for')}
          label="For"
          value={values.for}
          error={errors.for}
          placeholder="5m"
          hint="The value condition must hold this long; fires once until it has been false."
          onChange={(v) => set('for', v)}
        />
      </div>
    </fieldset>
  );
}

const ACTION_OPTION_LABEL: Record<RuleAction, string> = {
  notify: 'Notify',
  silent: 'Silent (inbox only, no notification)',
  read: 'Mark read (no badge)',
  drop: 'Drop (not stored, only counted)',
};
const ACTION_OPTIONS = RULE_ACTIONS.map((action) => ({ value: action, label: ACTION_OPTION_LABEL[action] }));
const PRIORITY_OPTIONS = [
  { value: '', label: 'Keep the message’s priority' },
  ...['1', '2', '3', '4', '5'].map((p) => ({ value: p, label: p })),
];

export function ThenFields({ values, errors, idFor, set }: FieldsProps) {
  const snoozeId = idFor('snoozeUntil');
  return (
    <fieldset className="rule-group">
      <legend>Then</legend>
      <div className="field-pair">
        <SelectField
          id={idFor('action')}
          label="Action"
          value={values.action}
          options={ACTION_OPTIONS}
          error={errors.action}
          onChange={(v) => set('action', v)}
        />
        <SelectField
          id={idFor('priority')}
          label="Set priority"
          value={values.priority}
          options={PRIORITY_OPTIONS}
          error={errors.priority}
          onChange={(v) => set('priority', v)}
        />
      </div>
      <div className="field-pair">
        <TextField
          id={idFor('limit')}
          label="Limit"
          value={values.limit}
          error={errors.limit}
          placeholder="1/60s"
          hint="At most this many notifications per topic in the window; the rest are summed up in the next."
          onChange={(v) => set('limit', v)}
        />
        <div className="field">
          <label htmlFor={snoozeId}>Snooze until</label>
          <input
            id={snoozeId}
            type="datetime-local"
            value={values.snoozeUntil}
            aria-invalid={errors.snoozeUntil ? true : undefined}
            aria-describedby={errors.snoozeUntil ? `${snoozeId}-error` : `${snoozeId}-hint`}
            onChange={(event) => set('snoozeUntil', event.target.value)}
          />
          <span id={`${snoozeId}-hint`} className="hint">
            Until then the rule keeps its messages silent.
          </span>
          {errors.snoozeUntil && (
            <span id={`${snoozeId}-error`} className="field-error">
              {errors.snoozeUntil}
            </span>
          )}
        </div>
      </div>
    </fieldset>
  );
}
