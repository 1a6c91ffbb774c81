// Pauses desktop notifications (messages still arrive in the inbox): until turned back on (the toggle), or for
// a while (the menu beside it: 1 h, 8 h). A timed pause says when it ends and offers Resume.
import { useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { ChoiceMenu } from '../rules/ChoiceMenu.tsx';
import { PAUSE_CHOICES, type PauseChoice } from '../rules/durations.ts';
import { untilText } from '../rules/time-text.ts';
import { useClient } from '../transport/connection-context.ts';

export function PauseButton({ paused, pausedUntil }: { paused: boolean; pausedUntil?: number }) {
  const client = useClient();
  const t = useT();
  const [error, setError] = useState<string | null>(null);

  async function setPaused(next: boolean, minutes?: number) {
    setError(null);
    try {
      await client.invoke('notifications.setPaused', { paused: next, ...(minutes ? { minutes } : {}) });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  let control;
  if (paused && pausedUntil !== undefined) {
    control = (
      <>
        <span className="paused-until" role="status">
          {t('pause.until', { until: untilText(new Date(pausedUntil), new Date(), t) })}
        </span>
        <button type="button" onClick={() => setPaused(false)}>
          {t('pause.resume')}
        </button>
      </>
    );
  } else {
    // A toggle, so its pressed state is announced; pressing it again resumes.
    control = (
      <span className="pause-split">
        <button
          type="button"
          aria-pressed={paused}
          title={paused ? t('pause.toggleOff') : t('pause.toggleOn')}
          onClick={() => setPaused(!paused)}
        >
          {paused ? t('pause.paused') : t('pause.pause')}
        </button>
        {!paused && (
          <ChoiceMenu<PauseChoice & { label: string }>
            label=""
            ariaLabel={t('pause.forAWhile')}
            groupLabel={t('pause.pause')}
            choices={PAUSE_CHOICES.map((choice) => ({ ...choice, label: t(choice.labelKey) }))}
            onChoose={(choice) => setPaused(true, choice.minutes)}
          />
        )}
      </span>
    );
  }
  return (
    <>
      {control}
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
