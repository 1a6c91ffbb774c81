// One source's status in a line: its state, the human cause of the last failure, a countdown to the next
// attempt while reconnecting, and how many messages it had to drop this run (only when any were).
import type { SourceView } from '../../shared/model.ts';
import { droppedText, retryText } from './status-text.ts';
import { useSeconds } from './use-seconds.ts';

interface SourceStatusLineProps {
  source: Pick<SourceView, 'name' | 'status'>;
  /** Off where the name is already shown next to it (the sources page). */
  withName?: boolean;
}

const DROPPED_EXPLAINED =
  'Messages this source could not keep since Herald started: a queue was full, a frame was too large, or it could not be read.';

export function SourceStatusLine({ source, withName = true }: SourceStatusLineProps) {
  const { status } = source;
  const counting = status.state === 'reconnecting' && status.retryAt !== undefined;
  const now = useSeconds(counting);
  const retry = retryText(status, now);
  const dropped = droppedText(status);
  return (
    <span className="status-line">
      <StateDot state={status.state} /> {withName && `${source.name}: `}
      <span className="state-word">{status.state}</span>
      {status.error && <span className={`status-cause cause-${status.state}`}> — {status.error}</span>}
      {retry && <span className="status-retry"> · {retry}</span>}
      {dropped && (
        <span className="status-dropped" title={DROPPED_EXPLAINED}>
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
