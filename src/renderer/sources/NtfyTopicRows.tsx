// The ntfy topics of one server: one row each. ntfy topics are plain names (no wildcards); one connection
// carries them all.
import { ListError, RemoveRowButton } from './RowControls.tsx';
import type { SourceFormErrors } from './form-validate.ts';
import { useT } from '../i18n/i18n.ts';

interface NtfyTopicRowsProps {
  idPrefix: string;
  topics: string[];
  errors: SourceFormErrors;
  onChange(topics: string[]): void;
}

/** ntfy's own limit on topics per subscription (visitor-subscription-limit) and the schema's. */
const MAX_TOPICS = 30;

export function NtfyTopicRows({ idPrefix, topics, errors, onChange }: NtfyTopicRowsProps) {
  const t = useT();
  return (
    <fieldset className="rows">
      <legend>{t('sources.topics')}</legend>
      {topics.map((topic, index) => {
        const n = index + 1;
        const id = `${idPrefix}-${index}`;
        const error = errors[`topics.${index}`];
        return (
          <div className="row-fields" key={index}>
            <div className="field grow">
              <label htmlFor={id}>{t('sources.ntfy.topic', { n })}</label>
              <input
                id={id}
                value={topic}
                placeholder="alerts"
                spellCheck={false}
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onChange={(event) => onChange(topics.map((old, i) => (i === index ? event.target.value : old)))}
              />
              {error && (
                <span id={`${id}-error`} className="field-error">
                  {error}
                </span>
              )}
            </div>
            <RemoveRowButton
              label={t('sources.ntfy.removeTopic', { n })}
              disabled={topics.length === 1}
              onRemove={() => onChange(topics.filter((_, i) => i !== index))}
            />
          </div>
        );
      })}
      <ListError message={errors.topics} />
      <button type="button" disabled={topics.length >= MAX_TOPICS} onClick={() => onChange([...topics, ''])}>
        {t('sources.topic.add')}
      </button>
    </fieldset>
  );
}
