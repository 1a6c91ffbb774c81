// The pieces every editable list in the source form shares: a row's Remove button and the list's error.
import { useT } from '../i18n/i18n.ts';

export function RemoveRowButton({ label, disabled, onRemove }: { label: string; disabled: boolean; onRemove(): void }) {
  const t = useT();
  return (
    <button type="button" className="remove-row" aria-label={label} disabled={disabled} onClick={onRemove}>
      {t('sources.row.remove')}
    </button>
  );
}

export function ListError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}
