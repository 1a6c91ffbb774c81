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
import { HttpPollFields } from './HttpPollFields.tsx';
import { KIND_LABEL, KIND_ORDER, urlWording } from './kinds.ts';
import type { KindFieldsProps } from './kind-fields-props.ts';
import { MqttFields } from './MqttFields.tsx';
import { NtfyFields } from './NtfyFields.tsx';
import { StreamFields } from './StreamFields.tsx';
import { WebhookFields } from './WebhookFields.tsx';
import { errorMessage } from '../../shared/error-message.ts';
import { useT } from '../i18n/i18n.ts';

interface SourceFormProps {
  /** The source being edited; null to add a new one. */
  editing: SourceView | null;
  /** The groups the other sources are in, suggested for the Group field. */
  groups?: readonly string[];
  onSaved(source: SourceView): void;
  onCancel(): void;
}

const NO_ERRORS: SourceFormErrors = {};
const MIN_PRIORITIES = [
  { value: 1, label: 'sources.form.priority.normal' },
  { value: 4, label: 'sources.form.priority.high' },
  { value: 5, label: 'sources.form.priority.urgent' },
] as const;

export function SourceForm({ editing, groups = [], onSaved, onCancel }: SourceFormProps) {
  const client = useClient();
  const t = useT();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<SourceFormValues>(() => (editing ? formFromSource(editing) : emptyForm()));
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const saved = editing ?? NO_SAVED_SECRETS;
  const errors = showErrors ? validateSourceForm(values, t, saved) : NO_ERRORS;

  const set: KindFieldsProps['set'] = (key, value) => setValues((current) => ({ ...current, [key]: value }));
  const idFor = (name: string) => `${id}-${name}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setRefusal(null);
    if (hasErrors(validateSourceForm(values, t, saved))) {
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
    if (hasErrors(validateSourceForm(values, t, saved))) {
      setShowErrors(true);
      throw new Error(t('sources.form.fixFirst'));
    }
    const input = toSourceInput(values, saved);
    return client.invoke('sources.test', { source: input, ...(editing ? { id: editing.id } : {}) });
  }

  const url = urlWording(values.kind, t);
  const fieldProps: KindFieldsProps = { values, errors, saved, idFor, set };
  return (
    <form ref={formRef} className="source-form" onSubmit={submit} noValidate aria-labelledby={idFor('heading')}>
      <h2 id={idFor('heading')}>
        {editing ? t('sources.form.editTitle', { name: editing.name }) : t('sources.form.addTitle')}
      </h2>
      {refusal && (
        <p className="form-refusal" role="alert">
          {t('sources.form.notSaved', { error: refusal })}
        </p>
      )}
      {errors[''] && (
        <p className="form-refusal" role="alert">
          {errors['']}
        </p>
      )}
      {editing?.embedded && <p className="muted small">{t('sources.form.embedded', { url: editing.url })}</p>}
      <KindPicker
        name={idFor('kind')}
        kind={values.kind}
        locked={editing !== null}
        onChange={(kind) => set('kind', kind)}
      />
      <TextField
        id={idFor('name')}
        label={t('sources.form.name')}
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
      {values.kind === 'http' && <HttpPollFields {...fieldProps} />}
      {values.kind === 'ntfy' && <NtfyFields {...fieldProps} />}
      {values.kind === 'gotify' && <GotifyFields {...fieldProps} />}
      {values.kind === 'webhook' && <WebhookFields {...fieldProps} />}
      <SelectField
        id={idFor('min-priority')}
        label={t('sources.form.minPriority')}
        value={values.minPriority}
        options={MIN_PRIORITIES.map((option) => ({ value: option.value, label: t(option.label) }))}
        hint={t('sources.form.minPriorityHint')}
        onChange={(v) => set('minPriority', v)}
      />
      <TextField
        id={idFor('group')}
        label={t('sources.form.group')}
        value={values.group}
        hint={t('sources.form.groupHint')}
        list={idFor('groups')}
        onChange={(v) => set('group', v)}
      />
      <datalist id={idFor('groups')}>
        {groups.map((group) => (
          <option key={group} value={group} />
        ))}
      </datalist>
      <CheckboxField label={t('sources.form.enabled')} checked={values.enabled} onChange={(v) => set('enabled', v)} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? t('sources.form.saving') : editing ? t('sources.form.saveChanges') : t('sources.add')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('sources.form.cancel')}
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
  const t = useT();
  return (
    <fieldset className="kind-picker" disabled={locked}>
      <legend>{t('sources.form.kind')}</legend>
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
      {locked && <p className="hint">{t('sources.form.kindLocked')}</p>}
    </fieldset>
  );
}
