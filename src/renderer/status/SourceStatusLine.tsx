// One source's status in a line: its state, the human cause of the last failure, a countdown to the next
// attempt while reconnecting, and how many messages it had to drop this run (only when any were).
import type { SourceView } from '../../shared/model.ts';
import { useT } from '../i18n/i18n.ts';
import { causeText } from './cause-text.ts';
import { droppedText, retryText } from './status-text.ts';
import { useSeconds } from './use-seconds.ts';

interface SourceStatusLineProps {
  source: Pick<SourceView, 'name' | 'status' | 'catchingUp'>;
  /** Off where the name is already shown next to it (the sources page). */
  withName?: boolean;
}

export function SourceStatusLine({ source, withName = true }: SourceStatusLineProps) {
  const { status } = source;
  const counting = status.state === 'reconnecting' && status.retryAt !== undefined;
  const now = useSeconds(counting);
  const t = useT();
  const retry = retryText(status, now, t);
  const dropped = droppedText(status, t);
  return (
    <span className="status-line">
      <StateDot state={status.state} /> {withName && `${source.name}: `}
      <span className="state-word">{t(`state.${status.state}`)}</span>
      {status.error && <span className={`status-cause cause-${status.state}`}> — {causeText(status.error, t)}</span>}
      {retry && <span className="status-retry"> · {retry}</span>}
      {source.catchingUp !== undefined && (
        <span className="status-catch-up">
          {' · '}
          {t('status.catchingUp', { count: source.catchingUp.toLocaleString('en') })}
        </span>
      )}
      {status.queued ? (
        <span className="status-queued">
          {' · '}
          {t('status.queued', { count: status.queued })}
        </span>
      ) : null}
      {dropped && (
        <span className="status-dropped" title={t('status.dropped')}>
          {' · '}
          {dropped}
        </span>
      )}
    </span>
  );
}

export function StateDot({ state }: { state: string }) {
  return <span className={`state-dot state-${state}`} aria-hidden="true" />;
}
