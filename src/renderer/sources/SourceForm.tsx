// Add or edit one source of any kind. Invalid input is caught here with main's own wording (the shared schema);
// anything main still refuses is shown as main phrased it, and nothing is saved.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { SourceView } from '../../shared/model.ts';
import type { SourceKind } from '../../shared/sources.ts';
import { useClient } from '../transport/connection-context.ts';
import { ConnectionTest } from './ConnectionTest.tsx';
import { CheckboxField, SelectField, TextField } from './fields.tsx';
import { NO_SAVED_SECRETS, toSourceInput } from './form-input.ts';
import { hasErrors, validateSourceForm, type SourceFormErrors } from './form-validate.ts';
import { emptyForm, formFromSource, type SourceFormValues } from './form-values.ts';
import { GotifyFields } from './GotifyFields.tsx';
import { KIND_LABEL, KIND_ORDER, URL_WORDING } from './kinds.ts';
import type { KindFieldsProps } from './kind-fields-props.ts';
import { MqttFields } from './MqttFields.tsx';
import { NtfyFields } from './NtfyFields.tsx';
import { StreamFields } from './StreamFields.tsx';
import { WebhookFields } from './WebhookFields.tsx';
import { errorMessage } from '../../shared/error-message.ts';

interface SourceFormProps {
  /** The source being edited; null to add a new one. */
  editing: SourceView | null;
  onSaved(source: SourceView): void;
  onCancel(): void;
}

const NO_ERRORS: SourceFormErrors = {};
const MIN_PRIORITIES = [
  { value: 1, label: 'Normal and up (3-5)' },
  { value: 4, label: 'High and up (4-5)' },
  { value: 5, label: 'Urgent only (5)' },
] as const;

export function SourceForm({ editing, onSaved, onCancel }: SourceFormProps) {
  const client = useClient();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<SourceFormValues>(() => (editing ? formFromSource(editing) : emptyForm()));
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const saved = editing ?? NO_SAVED_SECRETS;
  const errors = showErrors ? validateSourceForm(values, saved) : NO_ERRORS;

  const set: KindFieldsProps['set'] = (key, value) => setValues((current) => ({ ...current, [key]: value }));
  const idFor = (name: string) => `${id}-${name}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    if (hasErrors(validateSourceForm(values, saved))) {
      setShowErrors(true);
      // Let React render the messages, then take the user to the first field that needs attention.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    try {
      const input = toSourceInput(values, saved);
      const result = editing
        ? await client.invoke('sources.update', { ...input, id: editing.id })
        : await client.invoke('sources.add', input);
      onSaved(result);
    } catch (err) {
      setRefusal(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  /** Tests what the form holds (with the saved secrets where it leaves them blank), valid or not saved yet. */
  async function testConnection() {
    if (hasErrors(validateSourceForm(values, saved))) {
      setShowErrors(true);
      throw new Error('fix the fields marked above first');
    }
    const input = toSourceInput(values, saved);
    return client.invoke('sources.test', { source: input, ...(editing ? { id: editing.id } : {}) });
  }

  const url = URL_WORDING[values.kind];
  const fieldProps: KindFieldsProps = { values, errors, saved, idFor, set };
  return (
    <form ref={formRef} className="source-form" onSubmit={submit} noValidate aria-labelledby={idFor('heading')}>
      <h2 id={idFor('heading')}>{editing ? `Edit ${editing.name}` : 'Add a source'}</h2>
      {refusal && (
        <p className="form-refusal" role="alert">
          Not saved: {refusal}
        </p>
      )}
      {errors[''] && (
        <p className="form-refusal" role="alert">
          {errors['']}
        </p>
      )}
      {editing?.embedded && (
        <p className="muted small">
          This source follows the embedded broker, now at <code>{editing.url}</code>; its address updates when the
          broker moves. Changing the URL makes it an ordinary source.
        </p>
      )}
      <KindPicker
        name={idFor('kind')}
        kind={values.kind}
        locked={editing !== null}
        onChange={(kind) => set('kind', kind)}
      />
      <TextField
        id={idFor('name')}
        label="Name"
        value={values.name}
        error={errors.name}
        onChange={(v) => set('name', v)}
      />
      <TextField
        id={idFor('url')}
        label={url.label}
        inputMode="url"
        value={values.url}
        error={errors.url}
        placeholder={url.placeholder}
        hint={url.hint}
        onChange={(v) => set('url', v)}
      />
      {values.kind === 'mqtt' && <MqttFields {...fieldProps} />}
      {(values.kind === 'websocket' || values.kind === 'sse') && <StreamFields {...fieldProps} />}
      {values.kind === 'ntfy' && <NtfyFields {...fieldProps} />}
      {values.kind === 'gotify' && <GotifyFields {...fieldProps} />}
      {values.kind === 'webhook' && <WebhookFields {...fieldProps} />}
      <SelectField
        id={idFor('min-priority')}
        label="Notify from priority"
        value={values.minPriority}
        options={MIN_PRIORITIES}
        hint="When no rule decides. Priorities 1-2 stay in the inbox unless a rule says otherwise."
        onChange={(v) => set('minPriority', v)}
      />
      <CheckboxField label="Enabled" checked={values.enabled} onChange={(v) => set('enabled', v)} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : editing ? 'Save changes' : 'Add source'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <ConnectionTest name={values.name} run={testConnection} />
    </form>
  );
}

/** Radio buttons styled as a segmented control. A saved source keeps its kind: settings do not carry over. */
function KindPicker({
  name,
  kind,
  locked,
  onChange,
}: {
  name: string;
  kind: SourceKind;
  locked: boolean;
  onChange(kind: SourceKind): void;
}) {
  return (
    <fieldset className="kind-picker" disabled={locked}>
      <legend>Kind</legend>
      <div className="segments">
        {KIND_ORDER.map((option) => (
          <label key={option} className={option === kind ? 'segment checked' : 'segment'}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={option === kind}
              onChange={() => onChange(option)}
            />
            {KIND_LABEL[option]}
          </label>
        ))}
      </div>
      {locked && <p className="hint">The kind of a saved source cannot change; add a new source instead.</p>}
    </fieldset>
  );
}
