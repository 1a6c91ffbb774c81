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

/** The rule fields that are plain text. */
type TextKey = { [K in RuleFormField]: RuleFormValues[K] extends string ? K : never }[RuleFormField];

/** A text field bound to one rule field: its value, its problem and its setter, by name. */
function BoundTextField(props: {
  name: TextKey;
  label: string;
  placeholder: string;
  hint: string;
  fields: FieldsProps;
}) {
  const { name, fields } = props;
  return (
    <TextField
      id={fields.idFor(name)}
      label={props.label}
      value={fields.values[name]}
      error={fields.errors[name]}
      placeholder={props.placeholder}
      hint={props.hint}
      onChange={(v) => fields.set(name, v)}
    />
  );
}

export function MatchFields(fields: FieldsProps) {
  const { values, errors, sources, idFor, set } = fields;
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
        <BoundTextField
          name="topic"
          label="Topic"
          placeholder="kitchen/+/temp"
          hint="An MQTT filter with + and #; also ntfy topics, Gotify apps and stream names."
          fields={fields}
        />
      </div>
      <BoundTextField
        name="text"
        label="Text"
        placeholder="backup, failed"
        hint="Words separated by commas (any of them, case-insensitive), or a /regular expression/i; title and body."
        fields={fields}
      />
      <div className="field-pair">
        <BoundTextField
          name="matchPriority"
          label="Priority"
          placeholder=">=4"
          hint='">=4", "<3" or "5" (1-5).'
          fields={fields}
        />
        <BoundTextField
          name="value"
          label="Value"
          placeholder="$.temperature > 30"
          hint={`"$.temperature > 30", "$.state == 'open'", "$ >= 21.5" or "changed".`}
          fields={fields}
        />
      </div>
    </fieldset>
  );
}

export function WhenFields(fields: FieldsProps) {
  const { values, errors, idFor, set } = fields;
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
        <BoundTextField
          name="time"
          label="Time"
          placeholder="22:00-07:00"
          hint="Local time, 24-hour clock; may cross midnight. Empty: all day."
          fields={fields}
        />
        <BoundTextField
          name="for"
          label="For"
          placeholder="5m"
          hint="The value condition must hold this long; fires once until it has been false."
          fields={fields}
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

export function ThenFields(fields: FieldsProps) {
  const { values, errors, idFor, set } = fields;
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
        <BoundTextField
          name="limit"
          label="Limit"
          placeholder="1/60s"
          hint="At most this many notifications per topic in the window; the rest are summed up in the next."
          fields={fields}
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
