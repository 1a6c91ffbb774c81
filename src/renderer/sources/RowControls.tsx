// The pieces every editable list in the source form shares: a row's Remove button and the list's error.

export function RemoveRowButton({ label, disabled, onRemove }: { label: string; disabled: boolean; onRemove(): void }) {
  return (
    <button type="button" className="remove-row" aria-label={label} disabled={disabled} onClick={onRemove}>
      Remove
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
