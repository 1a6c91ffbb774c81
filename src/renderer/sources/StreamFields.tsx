// WebSocket and Server-Sent Events: headers, a bearer token, (WebSocket) a frame to send on open, and how
// to read each frame — as JSON with field paths, or as plain text.
import { SecretField, SelectField, TextAreaField, TextField } from './fields.tsx';
import { MAPPING_KEYS, type MappingKey } from './form-values.ts';
import { HeaderRows } from './HeaderRows.tsx';
import type { KindFieldsProps } from './kind-fields-props.ts';

const FORMATS = [
  { value: 'json', label: 'JSON' },
  { value: 'text', label: 'Text (each frame is the message)' },
] as const;

const MAPPING_LABELS: Record<MappingKey, { label: string; placeholder: string }> = {
  title: { label: 'Title path', placeholder: 'data.title' },
  body: { label: 'Body path', placeholder: 'data.message' },
  priority: { label: 'Priority path', placeholder: 'data.priority' },
  id: { label: 'ID path', placeholder: 'data.id' },
  url: { label: 'Link path', placeholder: 'data.url' },
  time: { label: 'Time path', placeholder: 'data.time' },
};

export function StreamFields({ values, errors, saved, idFor, set }: KindFieldsProps) {
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
        label="Token"
        noun="token"
        secret={values.token}
        saved={saved.hasToken}
        error={errors.token}
        hint="Optional; sent as Authorization: Bearer <token>."
        onChange={(v) => set('token', v)}
      />
      {values.kind === 'websocket' && (
        <TextAreaField
          id={idFor('open-message')}
          label="Message sent on open"
          value={values.openMessage}
          error={errors.openMessage}
          placeholder={'{"type":"subscribe","channel":"alerts"}'}
          hint="Optional; sent after every connect and reconnect, e.g. a subscribe frame."
          onChange={(v) => set('openMessage', v)}
        />
      )}
      <SelectField
        id={idFor('format')}
        label="Frame format"
        value={values.format}
        options={FORMATS}
        onChange={(v) => set('format', v)}
      />
      {values.format === 'json' && (
        <fieldset className="rows mapping">
          <legend>Field mapping</legend>
          <p className="hint">
            Where each field sits in a frame, as a dotted path (data.title, items.0.text). With none set, the usual
            title, message and priority fields are read; without a body path the whole frame is the body. The ID keeps a
            message that arrives twice from being stored twice.
          </p>
          <div className="mapping-grid">
            {MAPPING_KEYS.map((key) => (
              <TextField
                key={key}
                id={idFor(`map-${key}`)}
                label={MAPPING_LABELS[key].label}
                placeholder={MAPPING_LABELS[key].placeholder}
                value={values.mapping[key]}
                error={errors[`mapping.${key}`]}
                onChange={(v) => set('mapping', { ...values.mapping, [key]: v })}
              />
            ))}
          </div>
        </fieldset>
      )}
    </>
  );
}
