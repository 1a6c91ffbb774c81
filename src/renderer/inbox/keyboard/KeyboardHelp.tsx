// The `?` dialog: every inbox shortcut and what it does, from the same table the keys are handled by. A modal
// <dialog>, so focus stays inside and Escape closes it.
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n.ts';
import { KEY_CAPS, SHORTCUTS } from './inbox-keys.ts';

export function KeyboardHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="keyboard-help" aria-labelledby="keyboard-help-title" onClose={onClose}>
      <h2 id="keyboard-help-title">{t('keys.title')}</h2>
      <dl>
        {SHORTCUTS.map(({ command, keys, description }) => (
          <div key={command} className="shortcut">
            <dt>
              {keys.map((key, i) => (
                <span key={key}>
                  {i > 0 && ' / '}
                  <kbd>{KEY_CAPS[key] ?? key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(description)}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" autoFocus>
          {t('keys.close')}
        </button>
      </form>
    </dialog>
  );
}
