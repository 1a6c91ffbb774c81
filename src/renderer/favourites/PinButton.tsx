// The pin toggle on an entity card or a saved button: a toggle button (aria-pressed) named after what it pins.
import { useT } from '../i18n/i18n.ts';
import './favourites.css';

interface PinButtonProps {
  name: string;
  pinned: boolean;
  onChange(pinned: boolean): void;
}

export function PinButton({ name, pinned, onChange }: PinButtonProps) {
  const t = useT();
  return (
    <button
      type="button"
      className={pinned ? 'pin-toggle pinned' : 'pin-toggle'}
      aria-pressed={pinned}
      aria-label={t('favourites.pin', { name })}
      title={t('favourites.pin', { name })}
      onClick={() => onChange(!pinned)}
    >
      <span aria-hidden="true">{pinned ? '★' : '☆'}</span>
    </button>
  );
}
