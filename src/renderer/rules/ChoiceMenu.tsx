// A button that opens a short list of choices (snooze 15 min / 1 h / 8 h / until tomorrow; pause for 1 h...).
// A disclosure, not an ARIA menu: plain buttons in tab order, Escape or a click elsewhere closes it.
import { useEffect, useId, useRef, useState } from 'react';

export interface Choice {
  id: string;
  label: string;
}

interface ChoiceMenuProps<C extends Choice> {
  label: string;
  /** The button's accessible name when the visible label is not enough ("Snooze kitchen/temp"). */
  ariaLabel?: string;
  /** Names the group of choices ("Snooze for"). */
  groupLabel: string;
  choices: readonly C[];
  disabled?: boolean;
  onChoose(choice: C): void;
}

export function ChoiceMenu<C extends Choice>({
  label,
  ariaLabel,
  groupLabel,
  choices,
  disabled,
  onChoose,
}: ChoiceMenuProps<C>) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      ref={root}
      className="choice-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-choices`}
        aria-label={ariaLabel}
        disabled={disabled}
        onClick={() => setOpen((current) => !current)}
      >
        {label && `${label} `}
        <span aria-hidden="true">▾</span>
      </button>
      <div id={`${id}-choices`} className="choice-list" role="group" aria-label={groupLabel} hidden={!open}>
        {choices.map((choice) => (
          <button
            key={choice.id}
            type="button"
            onClick={() => {
              setOpen(false);
              onChoose(choice);
            }}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </div>
  );
}
