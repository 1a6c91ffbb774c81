// The rule form's three groups: which messages (match), when, and what to do with them.
import type { SourceView } from '../../shared/model.ts';
import { RULE_ACTIONS, type RuleAction, type Weekday } from '../../shared/rules/schema.ts';
import { useT, type MessageKey } from '../i18n/i18n.ts';
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
  const t = useT();
  // A rule may name a source that is gone, or by name: keep it selectable rather than silently dropping it.
  const known = sources.some((source) => source.id === values.source || source.name === values.source);
  const sourceOptions = [
    { value: '', label: t('ruleForm.anySource') },
    ...sources.map((source) => ({ value: source.id, label: source.name })),
    ...(values.source && !known
      ? [{ value: values.source, label: t('ruleForm.goneSource', { source: values.source }) }]
      : []),
  ];
  const sourceValue = sources.find((source) => source.name === values.source)?.id ?? values.source;
  return (
    <fieldset className="rule-group">
      <legend>{t('ruleForm.which')}</legend>
      <p className="hint">{t('ruleForm.whichHint')}</p>
      <div className="field-pair">
        <SelectField
          id={idFor('source')}
          label={t('filter.source')}
          value={sourceValue}
          options={sourceOptions}
          error={errors.source}
          onChange={(v) => set('source', v)}
        />
        <BoundTextField
          name="topic"
          label={t('detail.topic')}
          placeholder="kitchen/+/temp"
          hint={t('ruleForm.topicHint')}
          fields={fields}
        />
      </div>
      <BoundTextField
        name="text"
        label={t('ruleForm.text')}
        placeholder="backup, failed"
        hint={t('ruleForm.textHint')}
        fields={fields}
      />
      <div className="field-pair">
        <BoundTextField
          name="matchPriority"
          label={t('detail.priority')}
          placeholder=">=4"
          hint={t('ruleForm.priorityHint')}
          fields={fields}
        />
        <BoundTextField
          name="value"
          label={t('ruleForm.value')}
          placeholder="$.temperature > 30"
          hint={t('ruleForm.valueHint')}
          fields={fields}
        />
      </div>
    </fieldset>
  );
}

export function WhenFields(fields: FieldsProps) {
  const { values, errors, idFor, set } = fields;
  const t = useT();
  const toggleDay = (day: Weekday, on: boolean) =>
    set(
      'days',
      WEEK.filter((d) => (d === day ? on : values.days.includes(d))),
    );
  return (
    <fieldset className="rule-group">
      <legend>{t('ruleForm.when')}</legend>
      <fieldset
        className="rule-days"
        aria-describedby={errors.days ? idFor('days-error') : idFor('days-hint')}
        aria-invalid={errors.days ? true : undefined}
      >
        <legend>{t('ruleForm.days')}</legend>
        <div className="day-boxes">
          {WEEK.map((day) => (
            <label key={day} className="checkbox">
              <input
                type="checkbox"
                checked={values.days.includes(day)}
                onChange={(event) => toggleDay(day, event.target.checked)}
              />
              {t(DAY_LABEL[day])}
            </label>
          ))}
        </div>
        <span id={idFor('days-hint')} className="hint">
          {t('ruleForm.daysHint')}
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
          label={t('ruleForm.time')}
          placeholder="22:00-07:00"
          hint={t('ruleForm.timeHint')}
          fields={fields}
        />
        <BoundTextField
          name="for"
          label={t('ruleForm.for')}
          placeholder="5m"
          hint={t('ruleForm.forHint')}
          fields={fields}
        />
      </div>
    </fieldset>
  );
}

const ACTION_OPTION_LABEL: Record<RuleAction, MessageKey> = {
  notify: 'ruleForm.action.notify',
  silent: 'ruleForm.action.silent',
  read: 'ruleForm.action.read',
  drop: 'ruleForm.action.drop',
};

export function ThenFields(fields: FieldsProps) {
  const { values, errors, idFor, set } = fields;
  const t = useT();
  const actionOptions = RULE_ACTIONS.map((action) => ({ value: action, label: t(ACTION_OPTION_LABEL[action]) }));
  const priorityOptions = [
    { value: '', label: t('ruleForm.keepPriority') },
    ...['1', '2', '3', '4', '5'].map((p) => ({ value: p, label: p })),
  ];
  const snoozeId = idFor('snoozeUntil');
  return (
    <fieldset className="rule-group">
      <legend>{t('ruleForm.then')}</legend>
      <div className="field-pair">
        <SelectField
          id={idFor('action')}
          label={t('ruleForm.action')}
          value={values.action}
          options={actionOptions}
          error={errors.action}
          onChange={(v) => set('action', v)}
        />
        <SelectField
          id={idFor('priority')}
          label={t('ruleForm.setPriority')}
          value={values.priority}
          options={priorityOptions}
          error={errors.priority}
          onChange={(v) => set('priority', v)}
        />
      </div>
      <div className="field-pair">
        <BoundTextField
          name="limit"
          label={t('ruleForm.limit')}
          placeholder="1/60s"
          hint={t('ruleForm.limitHint')}
          fields={fields}
        />
        <div className="field">
          <label htmlFor={snoozeId}>{t('ruleForm.snoozeUntil')}</label>
          <input
            id={snoozeId}
            type="datetime-local"
            value={values.snoozeUntil}
            aria-invalid={errors.snoozeUntil ? true : undefined}
            aria-describedby={errors.snoozeUntil ? `${snoozeId}-error` : `${snoozeId}-hint`}
            onChange={(event) => set('snoozeUntil', event.target.value)}
          />
          <span id={`${snoozeId}-hint`} className="hint">
            {t('ruleForm.snoozeHint')}
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
