// A button that puts text on the clipboard and says, for a moment, whether that worked.
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n.ts';

const FEEDBACK_MS = 1500;

interface CopyButtonProps {
  /** The visible label. */
  label: string;
  /** The accessible name, when the label alone is ambiguous ("Copy path $.a.b"). */
  ariaLabel?: string;
  /** Computed on click: a large body is only turned into text when it is copied. */
  text: () => string;
  className?: string;
}

export function CopyButton({ label, ariaLabel, text, className }: CopyButtonProps) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text());
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <button
      type="button"
      className={className}
      aria-label={ariaLabel}
      title={state === 'failed' ? t('copy.failed') : undefined}
      onClick={copy}
    >
      {state === 'copied' ? t('copy.done') : state === 'failed' ? t('copy.failedShort') : label}
    </button>
  );
}
