// WebSocket and Server-Sent Events: headers, a bearer token, (WebSocket) a frame to send on open, and how
// to read each frame — as JSON with field paths, or as plain text. HTTP polling reuses the request and mapping parts.
import { SecretField, SelectField, TextAreaField, TextField } from './fields.tsx';
import { MAPPING_KEYS, type MappingKey } from './form-values.ts';
import { HeaderRows } from './HeaderRows.tsx';
import type { KindFieldsProps } from './kind-fields-props.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { useT } from '../i18n/i18n.ts';

const MAPPING_LABELS: Record<MappingKey, { label: MessageKey; placeholder: string }> = {
  title: { label: 'sources.map.title', placeholder: 'data.title' },
  body: { label: 'sources.map.body', placeholder: 'data.message' },
  priority: { label: 'sources.map.priority', placeholder: 'data.priority' },
  id: { label: 'sources.map.id', placeholder: 'data.id' },
  url: { label: 'sources.map.url', placeholder: 'data.url' },
  time: { label: 'sources.map.time', placeholder: 'data.time' },
};

export function StreamFields(props: KindFieldsProps) {
  const { values, errors, idFor, set } = props;
  const t = useT();
  const formats = [
    { value: 'json', label: 'JSON' },
    { value: 'text', label: t('sources.stream.formatText') },
  ] as const;
  return (
    <>
      <RequestFields {...props} />
      {values.kind === 'websocket' && (
        <TextAreaField
          id={idFor('open-message')}
          label={t('sources.stream.openMessage')}
          value={values.openMessage}
          error={errors.openMessage}
          placeholder={'{"type":"subscribe","channel":"alerts"}'}
          hint={t('sources.stream.openMessageHint')}
          onChange={(v) => set('openMessage', v)}
        />
      )}
      <SelectField
        id={idFor('format')}
        label={t('sources.stream.format')}
        value={values.format}
        options={formats}
        onChange={(v) => set('format', v)}
      />
      {values.format === 'json' && <MappingFields {...props} />}
    </>
  );
}

/** Extra headers and a bearer token: what every endpoint kind sends with its request. */
export function RequestFields({ values, errors, saved, idFor, set }: KindFieldsProps) {
  const t = useT();
  return (
    <>
      <HeaderRows
        idPrefix={idFor('header')}
        headers={values.headers}
        errors={errors}
        onChange={(v) => set('headers', v)}
      />
      <SecretField
        id={idFor('token')}
        label={t('sources.token')}
        noun={t('sources.noun.token')}
        secret={values.token}
        saved={saved.hasToken}
        error={errors.token}
        hint={t('sources.stream.tokenHint')}
        onChange={(v) => set('token', v)}
      />
    </>
  );
}

/** Where each field sits in a JSON frame or item, as dotted paths. */
export function MappingFields({ values, errors, idFor, set }: KindFieldsProps) {
  const t = useT();
  return (
    <fieldset className="rows mapping">
      <legend>{t('sources.stream.mapping')}</legend>
      <p className="hint">{t('sources.stream.mappingHint')}</p>
      <div className="mapping-grid">
        {MAPPING_KEYS.map((key) => (
          <TextField
            key={key}
            id={idFor(`map-${key}`)}
            label={t(MAPPING_LABELS[key].label)}
            placeholder={MAPPING_LABELS[key].placeholder}
            value={values.mapping[key]}
            error={errors[`mapping.${key}`]}
            onChange={(v) => set('mapping', { ...values.mapping, [key]: v })}
          />
        ))}
      </div>
    </fieldset>
  );
}
