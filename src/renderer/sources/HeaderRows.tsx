// Extra HTTP headers sent when a WebSocket or SSE source connects (name/value rows). Empty rows are ignored.
import { RemoveRowButton } from './RowControls.tsx';
import type { HeaderRow } from './form-values.ts';
import type { SourceFormErrors } from './form-validate.ts';
import { useT } from '../i18n/i18n.ts';

interface HeaderRowsProps {
  idPrefix: string;
  headers: HeaderRow[];
  errors: SourceFormErrors;
  onChange(headers: HeaderRow[]): void;
}

export function HeaderRows({ idPrefix, headers, errors, onChange }: HeaderRowsProps) {
  const t = useT();
  const update = (index: number, patch: Partial<HeaderRow>) =>
    onChange(headers.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <fieldset className="rows">
      <legend>{t('sources.headers')}</legend>
      {headers.length === 0 && <p className="hint">{t('sources.headers.none')}</p>}
      {headers.map((row, index) => {
        const n = index + 1;
        const nameId = `${idPrefix}-${index}-name`;
        const error = errors[`headers.${index}`];
        return (
          <div className="row-fields" key={index}>
            <div className="field">
              <label htmlFor={nameId}>{t('sources.header.name', { n })}</label>
              <input
                id={nameId}
                value={row.name}
                placeholder="X-Api-Key"
                spellCheck={false}
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${nameId}-error` : undefined}
                onChange={(event) => update(index, { name: event.target.value })}
              />
              {error && (
                <span id={`${nameId}-error`} className="field-error">
                  {error}
                </span>
              )}
            </div>
            <div className="field grow">
              <label htmlFor={`${idPrefix}-${index}-value`}>{t('sources.header.value', { n })}</label>
              <input
                id={`${idPrefix}-${index}-value`}
                value={row.value}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => update(index, { value: event.target.value })}
              />
            </div>
            <RemoveRowButton
              label={t('sources.header.remove', { n })}
              disabled={false}
              onRemove={() => onChange(headers.filter((_, i) => i !== index))}
            />
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...headers, { name: '', value: '' }])}>
        {t('sources.header.add')}
      </button>
    </fieldset>
  );
}
