// Labelled form controls shared by every kind's fields: each has a real <label>, its hint and error are tied to
// it with aria-describedby, and an error marks it aria-invalid (the form focuses the first such control).
import { useId, type ReactNode } from 'react';
import type { SecretValue } from './form-values.ts';
import { useT } from '../i18n/i18n.ts';

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

function FieldFrame({ id, label, error, hint, className, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children}
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

interface TextFieldProps extends FieldProps {
  value: string;
  type?: 'text' | 'password';
  inputMode?: 'numeric' | 'url' | 'text';
  placeholder?: string;
  autoComplete?: string;
  disabled?: boolean;
  /** The id of a <datalist> of suggestions. */
  list?: string;
  onChange(value: string): void;
}

export function TextField(props: TextFieldProps) {
  const {
    id,
    value,
    error,
    hint,
    type = 'text',
    inputMode,
    placeholder,
    autoComplete = 'off',
    disabled,
    list,
    onChange,
  } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        type={type}
        list={list}
        inputMode={inputMode}
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete}
        disabled={disabled}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldFrame>
  );
}

interface TextAreaFieldProps extends FieldProps {
  value: string;
  placeholder?: string;
  rows?: number;
  /** Masks the text (a private key): it is write-only like a password. */
  masked?: boolean;
  disabled?: boolean;
  onChange(value: string): void;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, value, error, hint, placeholder, rows = 3, masked, disabled, onChange } = props;
  return (
    <FieldFrame {...props}>
      <textarea
        id={id}
        className={masked ? 'masked' : undefined}
        value={value}
        rows={rows}
        placeholder={placeholder}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldFrame>
  );
}

interface SelectFieldProps<V extends string | number> extends FieldProps {
  value: V;
  options: readonly { value: V; label: string }[];
  disabled?: boolean;
  onChange(value: V): void;
}

export function SelectField<V extends string | number>(props: SelectFieldProps<V>) {
  const { id, value, options, error, hint, disabled, onChange } = props;
  return (
    <FieldFrame {...props}>
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(options.find((option) => String(option.value) === event.target.value)!.value)}
      >
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  checked,
  hint,
  onChange,
}: {
  label: string;
  checked: boolean;
  hint?: string;
  onChange(checked: boolean): void;
}) {
  const hintId = useId();
  return (
    <div className="checkbox-field">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

interface SecretFieldProps extends FieldProps {
  secret: SecretValue;
  /** Whether main has one saved: then empty keeps it, and a checkbox can remove it. */
  saved: boolean;
  /** What it is, in the sentence "Leave empty to keep the saved …". */
  noun: string;
  multiline?: boolean;
  placeholder?: string;
  onChange(secret: SecretValue): void;
}

/** A write-only secret: its value never comes back from main, only whether one is saved. */
export function SecretField(props: SecretFieldProps) {
  const { id, secret, saved, noun, multiline, hint, placeholder, onChange } = props;
  const t = useT();
  const shared = {
    ...props,
    value: secret.value,
    disabled: secret.remove,
    placeholder: saved ? t('sources.secret.saved') : placeholder,
    hint: saved ? t('sources.secret.keep', { noun }) : hint,
    onChange: (value: string) => onChange({ ...secret, value }),
  };
  return (
    <div className="secret-field">
      {multiline ? (
        <TextAreaField {...shared} masked />
      ) : (
        <TextField {...shared} type="password" autoComplete="new-password" />
      )}
      {saved && (
        <label className="checkbox small" htmlFor={`${id}-remove`}>
          <input
            id={`${id}-remove`}
            type="checkbox"
            checked={secret.remove}
            onChange={(event) => onChange({ value: '', remove: event.target.checked })}
          />
          {t('sources.secret.remove', { noun })}
        </label>
      )}
    </div>
  );
}
