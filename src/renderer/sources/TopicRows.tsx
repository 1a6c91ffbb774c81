// The editable list of MQTT topic subscriptions (filter + QoS) in the source form.
import { ListError, RemoveRowButton } from './RowControls.tsx';
import type { Qos } from '../../shared/model.ts';
import type { TopicRow } from './form-values.ts';
import type { SourceFormErrors } from './form-validate.ts';
import { useT } from '../i18n/i18n.ts';

interface TopicRowsProps {
  idPrefix: string;
  topics: TopicRow[];
  errors: SourceFormErrors;
  onChange(topics: TopicRow[]): void;
}

const QOS_LEVELS: Qos[] = [0, 1, 2];

export function TopicRows({ idPrefix, topics, errors, onChange }: TopicRowsProps) {
  const t = useT();
  const update = (index: number, patch: Partial<TopicRow>) =>
    onChange(topics.map((topic, i) => (i === index ? { ...topic, ...patch } : topic)));

  return (
    <fieldset className="rows">
      <legend>{t('sources.topics')}</legend>
      {topics.map((topic, index) => {
        const n = index + 1;
        const filterId = `${idPrefix}-${index}-filter`;
        const error = errors[`topics.${index}`];
        return (
          <div className="row-fields" key={index}>
            <div className="field grow">
              <label htmlFor={filterId}>{t('sources.topic.filter', { n })}</label>
              <input
                id={filterId}
                value={topic.filter}
                placeholder={t('sources.topic.placeholder')}
                spellCheck={false}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${filterId}-error` : undefined}
                onChange={(event) => update(index, { filter: event.target.value })}
              />
              {error && (
                <span id={`${filterId}-error`} className="field-error">
                  {error}
                </span>
              )}
            </div>
            <div className="field">
              <label htmlFor={`${idPrefix}-${index}-qos`}>{t('sources.topic.qos', { n })}</label>
              <select
                id={`${idPrefix}-${index}-qos`}
                value={topic.qos}
                onChange={(event) => update(index, { qos: Number(event.target.value) as Qos })}
              >
                {QOS_LEVELS.map((qos) => (
                  <option key={qos} value={qos}>
                    {qos}
                  </option>
                ))}
              </select>
            </div>
            <RemoveRowButton
              label={t('sources.topic.remove', { n })}
              disabled={topics.length === 1}
              onRemove={() => onChange(topics.filter((_, i) => i !== index))}
            />
          </div>
        );
      })}
      <ListError message={errors.topics} />
      <button type="button" onClick={() => onChange([...topics, { filter: '', qos: 0 }])}>
        {t('sources.topic.add')}
      </button>
    </fieldset>
  );
}
