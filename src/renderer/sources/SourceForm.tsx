// Add or edit one MQTT source. Invalid input is caught here with main's wording; anything main still refuses
// is shown as main phrased it, and nothing is saved.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { SourceView } from '../../shared/model.ts';
import { useClient } from '../app/connection-context.ts';
import {
  emptyForm,
  formFromSource,
  hasErrors,
  toSourceInput,
  validateSourceForm,
  type SourceFormErrors,
  type SourceFormValues,
} from './source-form-model.ts';
import { TopicRows } from './TopicRows.tsx';

interface SourceFormProps {
  /** The source being edited; null to add a new one. */
  editing: SourceView | null;
  onSaved(source: SourceView): void;
  onCancel(): void;
}

export function SourceForm({ editing, onSaved, onCancel }: SourceFormProps) {
  const client = useClient();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<SourceFormValues>(() => (editing ? formFromSource(editing) : emptyForm()));
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const errors: SourceFormErrors = showErrors ? validateSourceForm(values) : { topicRows: [] };

  const set = <K extends keyof SourceFormValues>(key: K, value: SourceFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    if (hasErrors(validateSourceForm(values))) {
      setShowErrors(true);
      // Let React render the messages, then take the user to the first field that needs attention.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    try {
      const input = toSourceInput(values);
      const saved = editing
        ? await client.invoke('sources.update', { ...input, id: editing.id })
        : await client.invoke('sources.add', input);
      onSaved(saved);
    } catch (err) {
      setRefusal(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  }

  const field = (name: string) => `${id}-${name}`;
  return (
    <form ref={formRef} className="source-form" onSubmit={submit} noValidate aria-labelledby={field('heading')}>
      <h2 id={field('heading')}>{editing ? `Edit ${editing.name}` : 'Add an MQTT source'}</h2>
      {refusal && (
        <p className="form-refusal" role="alert">
          Not saved: {refusal}
        </p>
      )}
      {editing?.embedded && (
        <p className="muted small">This source follows the embedded broker; its address updates when the broker moves.</p>
      )}
      <TextField id={field('name')} label="Name" value={values.name} error={errors.name} onChange={(v) => set('name', v)} />
      <TextField
        id={field('url')}
        label="Broker URL"
        value={values.url}
        error={errors.url}
        placeholder="mqtt://broker.example:1883"
        hint="mqtt://, mqtts://, ws:// or wss://"
        onChange={(v) => set('url', v)}
      />
      <div className="field-pair">
        <TextField id={field('username')} label="Username" value={values.username} autoComplete="off" onChange={(v) => set('username', v)} />
        <TextField
          id={field('password')}
          label="Password"
          type="password"
          value={values.password}
          autoComplete="new-password"
          disabled={values.clearPassword}
          placeholder={editing?.hasPassword ? 'unchanged' : ''}
          hint={editing?.hasPassword ? 'Leave empty to keep the saved password.' : undefined}
          onChange={(v) => set('password', v)}
        />
      </div>
      {editing?.hasPassword && (
        <label className="checkbox">
          <input type="checkbox" checked={values.clearPassword} onChange={(e) => set('clearPassword', e.target.checked)} />
          Forget the saved password
        </label>
      )}
      <TextField
        id={field('client-id')}
        label="Client ID"
        value={values.clientId}
        hint="Optional; a random one is used when empty."
        onChange={(v) => set('clientId', v)}
      />
      <TopicRows
        idPrefix={field('topic')}
        topics={values.topics}
        rowErrors={errors.topicRows}
        listError={errors.topics}
        onChange={(topics) => set('topics', topics)}
      />
      <label className="checkbox">
        <input type="checkbox" checked={values.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        Enabled
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : editing ? 'Save changes' : 'Add source'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'password';
  placeholder?: string;
  autoComplete?: string;
  disabled?: boolean;
  onChange(value: string): void;
}

function TextField({ id, label, value, error, hint, type = 'text', placeholder, autoComplete, disabled, onChange }: TextFieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete}
        disabled={disabled}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

